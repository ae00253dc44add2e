using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages.Admin;

/// <summary>
/// <c>/admin/products/{id}/images</c>: a product's images by position, each with a delete button, and an upload form
/// (file, alt, position) that sends the same command as <c>POST /api/products/{id}/images</c>.
/// </summary>
public sealed class AdminProductImagesPageTests(string provider) : PageTestBase(provider)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static readonly byte[] Gif = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"u8.ToArray();

    private PageClient _staff = null!;

    [OneTimeSetUp]
    public async Task SignInStaffAsync() => _staff = await SignedInAsync(staff: true);

    [OneTimeTearDown]
    public void DisposeStaff() => _staff?.Dispose();

    private static string PageOf(JsonObject product) => $"/admin/products/{IdOf(product)}/images";

    private async Task<PageAnswer> OpenAsync(JsonObject product)
    {
        var page = await _staff.GetAsync(PageOf(product));
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        return page;
    }

    private static IHtmlFormElement UploadForm(PageAnswer page)
    {
        var form = page.Document.Forms.FirstOrDefault(f => string.Equals(f.Enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase));
        Assert.That(form, Is.Not.Null, "a multipart upload form");
        Assert.That(string.Equals(form!.Method, "post", StringComparison.OrdinalIgnoreCase), Is.True, "the upload form posts");
        Assert.That(form.QuerySelector("input[type=file][name=file]"), Is.Not.Null, "a file input named file");
        return form;
    }

    /// <summary>Submits the upload form as a browser would: its fields (token included) plus the chosen file.</summary>
    private static async Task<PageAnswer> UploadAsync(
        PageClient client, PageAnswer page, byte[]? file, string fileName = "photo.png", string contentType = "image/png",
        Action<FormFields>? fill = null)
    {
        var form = UploadForm(page);
        var fields = FieldsOf(form);
        fill?.Invoke(fields);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Add(part, "file", fileName);
        }
        var action = form.GetAttribute("action");
        var url = string.IsNullOrEmpty(action) ? page.Response.RequestMessage!.RequestUri!.PathAndQuery : action;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        var response = await client.Http.SendAsync(request);
        return new PageAnswer(response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Uploads through the page and asserts the redirect back to it.</summary>
    private async Task UploadOkAsync(JsonObject product, byte[] file, string alt = "", int position = 0)
    {
        var answer = await UploadAsync(_staff, await OpenAsync(product), file,
            fill: f => f.Set("alt", alt).Set("position", position.ToString(CultureInfo.InvariantCulture)));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        Assert.That(answer.LocationPathAndQuery, Is.EqualTo(PageOf(product)), answer.Describe());
    }

    private async Task<JsonArray> StoredImagesAsync(JsonObject product) =>
        (await GetProductAsStaffAsync(IdOf(product)))["images"]!.AsArray();

    private string StoredFileOf(JsonNode image) =>
        Path.Combine(Factory.MediaRoot, image["url"]!.GetValue<string>()["/media/".Length..]);

    private List<string> StoredFiles() => Directory.Exists(Factory.MediaRoot)
        ? Directory.EnumerateFiles(Factory.MediaRoot, "*", SearchOption.AllDirectories).ToList()
        : [];

    private static IHtmlFormElement DeleteFormOf(PageAnswer page, int imageId)
    {
        var form = page.Document.Forms.FirstOrDefault(f => f.QuerySelector($"input[name=imageId][value='{imageId}']") is not null);
        Assert.That(form, Is.Not.Null, $"a delete form for image {imageId}");
        return form!;
    }

    [Test]
    public async Task Page_shows_the_product_name_and_says_when_it_has_no_images()
    {
        var product = await CreateProductAsync();
        var page = await OpenAsync(product);
        Assert.Multiple(() =>
        {
            Assert.That(page.Document.QuerySelector("h1")?.TextContent, Does.Contain(NameOf(product)));
            Assert.That(page.VisibleText, Does.Contain("No images yet"));
            UploadForm(page);
        });
    }

    [Test]
    public async Task Uploading_a_png_redirects_with_a_flash_lists_it_and_serves_it_under_media()
    {
        var product = await CreateProductAsync();

        await UploadOkAsync(product, Png, alt: "Front view", position: 3);

        var page = await OpenAsync(product);
        var stored = await StoredImagesAsync(product);
        Assert.That(stored, Has.Count.EqualTo(1));
        var url = stored[0]!["url"]!.GetValue<string>();
        var img = page.Document.QuerySelector($"img[src='{url}']");
        Assert.Multiple(() =>
        {
            Assert.That(page.Document.QuerySelector(".flash")?.TextContent, Does.Contain("Image added"));
            Assert.That(img, Is.Not.Null, $"a thumbnail of {url}");
            Assert.That(img?.GetAttribute("alt"), Is.EqualTo("Front view"));
            Assert.That(stored[0]!["alt"]!.GetValue<string>(), Is.EqualTo("Front view"));
            Assert.That(stored[0]!["position"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(url, Does.Match("^/media/products/\\d{4}/\\d{2}/[0-9a-f]{32}\\.png$"));
        });
        var thumb = img!.Closest("li")!;
        Assert.That(thumb.TextContent, Does.Contain("Front view").And.Contain("3"));

        using var served = await _staff.Http.GetAsync(url);
        Assert.Multiple(async () =>
        {
            Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(served.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
            Assert.That(await served.Content.ReadAsByteArrayAsync(), Is.EqualTo(Png));
        });
    }

    [Test]
    public async Task Images_are_listed_by_position()
    {
        var product = await CreateProductAsync();
        await UploadOkAsync(product, Png, "second", 5);
        await UploadOkAsync(product, Gif, "first", 0);
        await UploadOkAsync(product, Png, "third", 9);

        var page = await OpenAsync(product);

        var alts = page.Document.QuerySelectorAll("img").Select(i => i.GetAttribute("alt")).Where(a => a is "first" or "second" or "third");
        Assert.That(alts, Is.EqualTo(new[] { "first", "second", "third" }));
    }

    [Test]
    public async Task A_text_file_named_png_shows_the_error_beside_the_file_field_keeps_the_alt_and_stores_nothing()
    {
        var product = await CreateProductAsync();
        var before = StoredFiles();

        var answer = await UploadAsync(_staff, await OpenAsync(product), "just some text"u8.ToArray(), "notes.png",
            fill: f => f.Set("alt", "Kept alt"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Describe());
        Assert.Multiple(async () =>
        {
            Assert.That(ErrorNextTo(answer.Document, "file"), Does.Contain("not a JPEG, PNG, GIF or WebP"));
            Assert.That(ValueOf(answer.Document, "alt"), Is.EqualTo("Kept alt"));
            Assert.That(answer.Document.QuerySelector("h1")?.TextContent, Does.Contain(NameOf(product)));
            Assert.That(await StoredImagesAsync(product), Is.Empty);
            Assert.That(StoredFiles(), Is.EquivalentTo(before));
        });
    }

    [Test]
    public async Task A_6_MiB_upload_shows_the_size_error_beside_the_file_field_and_stores_nothing()
    {
        var product = await CreateProductAsync();
        var big = new byte[6 * 1024 * 1024];
        Png.CopyTo(big, 0);
        var before = StoredFiles();

        var answer = await UploadAsync(_staff, await OpenAsync(product), big);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Describe());
        Assert.Multiple(async () =>
        {
            Assert.That(ErrorNextTo(answer.Document, "file"), Does.Contain("5 MiB"));
            Assert.That(await StoredImagesAsync(product), Is.Empty);
            Assert.That(StoredFiles(), Is.EquivalentTo(before));
        });
    }

    [Test]
    public async Task A_body_past_the_servers_limit_is_a_413_page_not_a_500()
    {
        var product = await CreateProductAsync();
        var huge = new byte[32 * 1024 * 1024];
        Png.CopyTo(huge, 0);

        var answer = await UploadAsync(_staff, await OpenAsync(product), huge);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), answer.Describe());
        Assert.That(answer.MediaType, Is.EqualTo("text/html"), answer.Describe());
        Assert.That(answer.Document.QuerySelector("h1")?.TextContent, Does.Contain("Too large"), answer.Describe());
        Assert.That(await StoredImagesAsync(product), Is.Empty);
    }

    [Test]
    public async Task Missing_file_and_bad_position_are_shown_beside_their_fields()
    {
        var product = await CreateProductAsync();
        var page = await OpenAsync(product);

        var noFile = await UploadAsync(_staff, page, file: null);
        var badPosition = await UploadAsync(_staff, page, Png, fill: f => f.Set("position", "-1"));
        var longAlt = await UploadAsync(_staff, page, Png, fill: f => f.Set("alt", new string('a', 121)));

        Assert.Multiple(async () =>
        {
            Assert.That(noFile.Status, Is.EqualTo(HttpStatusCode.OK), noFile.Describe());
            Assert.That(ErrorNextTo(noFile.Document, "file"), Does.Contain("file is required"));
            Assert.That(badPosition.Status, Is.EqualTo(HttpStatusCode.OK), badPosition.Describe());
            Assert.That(ErrorNextTo(badPosition.Document, "position"), Does.Contain("0 or more"));
            Assert.That(ValueOf(badPosition.Document, "position"), Is.EqualTo("-1"));
            Assert.That(longAlt.Status, Is.EqualTo(HttpStatusCode.OK), longAlt.Describe());
            Assert.That(ErrorNextTo(longAlt.Document, "alt"), Does.Contain("at most 120"));
            Assert.That(await StoredImagesAsync(product), Is.Empty);
        });
    }

    [Test]
    public async Task Delete_removes_the_image_and_its_file_and_redirects_with_a_flash()
    {
        var product = await CreateProductAsync();
        await UploadOkAsync(product, Png, "keep", 0);
        await UploadOkAsync(product, Gif, "drop", 1);
        var stored = await StoredImagesAsync(product);
        var drop = stored.Single(i => i!["alt"]!.GetValue<string>() == "drop")!;
        var keep = stored.Single(i => i!["alt"]!.GetValue<string>() == "keep")!;
        Assert.That(File.Exists(StoredFileOf(drop)), Is.True);

        var page = await OpenAsync(product);
        var form = DeleteFormOf(page, IdOf(drop));
        Assert.That(form.QuerySelector("button")?.HasAttribute("data-confirm"), Is.True, "asks before deleting (with the script)");
        var answer = await _staff.SubmitAsync(page, form: form);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        Assert.That(answer.LocationPathAndQuery, Is.EqualTo(PageOf(product)));
        var after = await _staff.GetAsync(PageOf(product));
        using var gone = await _staff.Http.GetAsync(drop["url"]!.GetValue<string>());
        Assert.Multiple(async () =>
        {
            Assert.That(after.Document.QuerySelector(".flash")?.TextContent, Does.Contain("Image deleted"));
            Assert.That(after.Document.QuerySelector($"img[src='{drop["url"]}']"), Is.Null);
            Assert.That(after.Document.QuerySelector($"img[src='{keep["url"]}']"), Is.Not.Null);
            Assert.That((await StoredImagesAsync(product)).Select(i => IdOf(i!)), Is.EqualTo(new[] { IdOf(keep) }));
            Assert.That(File.Exists(StoredFileOf(drop)), Is.False, "the file is removed");
            Assert.That(File.Exists(StoredFileOf(keep)), Is.True);
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });

        // A second click on the same (now stale) button is not an error page.
        var again = await _staff.SubmitAsync(page, form: form);
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.Redirect), again.Describe());
    }

    [Test]
    public async Task Unknown_product_is_a_404_page()
    {
        var get = await _staff.GetAsync($"/admin/products/{int.MaxValue}/images");
        Assert.That(get.Status, Is.EqualTo(HttpStatusCode.NotFound), get.Describe());
        Assert.That(get.MediaType, Is.EqualTo("text/html"));

        // The form of a product deleted meanwhile.
        var product = await CreateProductAsync();
        var page = await OpenAsync(product);
        using (var delete = await SendAsync(HttpMethod.Delete, $"/api/products/{IdOf(product)}", token: StaffToken))
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var before = StoredFiles();
        var post = await UploadAsync(_staff, page, Png);
        Assert.That(post.Status, Is.EqualTo(HttpStatusCode.NotFound), post.Describe());
        Assert.That(StoredFiles(), Is.EquivalentTo(before));
    }

    [Test]
    public async Task Anonymous_visitors_are_sent_to_the_login_page_and_other_users_get_403()
    {
        var product = await CreateProductAsync();
        using var visitor = NewVisitor();
        AssertRedirectsToLogin(await visitor.GetAsync(PageOf(product)), PageOf(product));

        using var user = await SignedInAsync(staff: false);
        AssertForbiddenPage(await user.GetAsync(PageOf(product)));
        var post = await user.PostAsync(PageOf(product), [new("alt", "x")]);
        Assert.That(post.Status, Is.EqualTo(HttpStatusCode.Forbidden), post.Describe());
        Assert.That(await StoredImagesAsync(product), Is.Empty);
    }

    [Test]
    public async Task Posts_without_the_antiforgery_token_are_400_and_change_nothing()
    {
        var product = await CreateProductAsync();
        await UploadOkAsync(product, Png, "stays", 0);
        var image = (await StoredImagesAsync(product)).Single()!;
        var page = await OpenAsync(product);

        var upload = await UploadAsync(_staff, page, Gif, fill: f => f.Without(TokenField));
        var delete = await _staff.SubmitAsync(page, f => f.Without(TokenField), DeleteFormOf(page, IdOf(image)));

        Assert.Multiple(async () =>
        {
            Assert.That(upload.Status, Is.EqualTo(HttpStatusCode.BadRequest), upload.Describe());
            Assert.That(delete.Status, Is.EqualTo(HttpStatusCode.BadRequest), delete.Describe());
            Assert.That((await StoredImagesAsync(product)).Select(i => IdOf(i!)), Is.EqualTo(new[] { IdOf(image) }));
            Assert.That(File.Exists(StoredFileOf(image)), Is.True);
        });
    }

    [Test]
    public async Task The_products_list_and_the_edit_form_link_to_the_images_page()
    {
        var product = await CreateProductAsync();

        var list = await _staff.GetAsync($"/admin/products?q={Uri.EscapeDataString(NameOf(product))}");
        var edit = await _staff.GetAsync($"/products/{SlugOf(product)}/edit");

        Assert.Multiple(() =>
        {
            Assert.That(list.Document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")), Does.Contain(PageOf(product)));
            Assert.That(edit.Document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")), Does.Contain(PageOf(product)));
        });
    }
}
