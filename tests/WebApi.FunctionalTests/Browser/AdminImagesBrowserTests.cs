using OpenQA.Selenium;

namespace Shop.WebApi.FunctionalTests.Browser;

/// <summary>The back-office images page in headless Chromium: upload through the file input, see it, delete it after the confirm dialog.</summary>
public sealed class AdminImagesBrowserTests : BrowserTestBase
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    // 1×1, the accent blue.
    private static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAC9v7f///ywAAAAAAQABAAACAkQBADs=");

    private string _folder = "";

    [OneTimeSetUp]
    public void WriteFiles() => _folder = Directory.CreateTempSubdirectory("shop-upload-").FullName;

    [OneTimeTearDown]
    public void RemoveFiles()
    {
        if (_folder.Length > 0 && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string FileOf(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private void Upload(string file, string alt, int position)
    {
        Find("input[type=file][name=file]").SendKeys(file);
        Type("input[name=alt]", alt);
        Type("input[name=position]", position.ToString(System.Globalization.CultureInfo.InvariantCulture));
        SubmitWith(Find("form#upload button[type=submit]"));
    }

    [Test]
    public async Task Staff_upload_see_and_delete_a_products_images()
    {
        var product = await CreateProductAsync(new { name = "Walnut desk mat", price = 29.5 });
        var path = $"/admin/products/{product["id"]}/images";
        SignInAsStaff();

        Open(path);
        Assert.That(Find("h1").Text, Does.Contain("Walnut desk mat"));
        Upload(FileOf("front.png", Png), "Front view", 0);
        Assert.That(Find(".flash").Text, Does.Contain("Image added"));
        Upload(FileOf("side.gif", Gif), "Side view, with the stitched edge", 1);
        Upload(FileOf("notes.png", "not an image"u8.ToArray()), "Oops", 2);
        Assert.That(Find("input[name=file]").FindElement(By.XPath("..")).Text, Does.Contain("not a JPEG"));

        var thumbs = FindAll(".thumb");
        Assert.That(thumbs.Select(t => t.FindElement(By.TagName("img")).GetDomAttribute("alt")), Is.EqualTo(new[] { "Front view", "Side view, with the stitched edge" }));
        Assert.That((bool)Script("return Array.from(document.querySelectorAll('.thumb img')).every(i => i.complete && i.naturalWidth > 0);")!, Is.True, "the thumbnails load");
        Screenshot("09-admin-images", "Back-office images of a product, after a refused upload");

        // Dismissing the confirm dialog keeps the image; accepting it deletes.
        Find(".thumb button.danger").Click();
        Driver.SwitchTo().Alert().Dismiss();
        Assert.That(FindAll(".thumb"), Has.Count.EqualTo(2));
        var html = Find("html");
        Find(".thumb button.danger").Click();
        Driver.SwitchTo().Alert().Accept();
        WaitUntil(() =>
        {
            try { _ = html.TagName; return false; }
            catch (StaleElementReferenceException) { return true; }
        }, "the page reloads after the delete");
        WaitForPath(path);
        Assert.That(Find(".flash").Text, Does.Contain("Image deleted"));
        Assert.That(FindAll(".thumb img").Select(i => i.GetDomAttribute("alt")), Is.EqualTo(new[] { "Side view, with the stitched edge" }));
        Screenshot("10-admin-images-after-delete", "Back-office images after deleting one");
    }
}
