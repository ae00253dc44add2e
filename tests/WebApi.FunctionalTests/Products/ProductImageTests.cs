using System.Net;
using System.Net.Http.Headers;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

public sealed class ProductImageTests(string provider) : ApiTestBase(provider)
{
    /// <summary>A valid 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private async Task<HttpResponseMessage> UploadAsync(int productId, byte[] content, string fileName, string? token, string alt = "front", int position = 0)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(alt), "alt");
        form.Add(new StringContent(position.ToString(System.Globalization.CultureInfo.InvariantCulture)), "position");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/products/{productId}/images") { Content = form };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Client.SendAsync(request);
    }

    [Test]
    public async Task Upload_recognised_by_content_answers_201_and_the_image_is_served_then_delete_removes_it()
    {
        var product = await CreatePublishedProductAsync();

        using var upload = await UploadAsync(IdOf(product), Png, "photo.bin", StaffToken, "front", 2);
        var image = await ReadObjectAsync(upload, HttpStatusCode.Created);
        var url = image["url"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(url, Does.StartWith("/media/"));
            Assert.That(image["alt"]!.GetValue<string>(), Is.EqualTo("front"));
            Assert.That(image["position"]!.GetValue<int>(), Is.EqualTo(2));
        });
        using (var served = await GetAsync(url))
            Assert.That(await served.Content.ReadAsByteArrayAsync(), Is.EqualTo(Png));
        Assert.That((await GetProductAsStaffAsync(IdOf(product)))["images"]!.AsArray().Select(i => IdOf(i!)), Is.EqualTo(new[] { IdOf(image) }));

        using var delete = await SendAsync(HttpMethod.Delete, $"/api/products/{IdOf(product)}/images/{IdOf(image)}", token: StaffToken);
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await GetProductAsStaffAsync(IdOf(product)))["images"]!.AsArray(), Is.Empty);
        using var gone = await GetAsync(url);
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the file is removed");
    }

    [Test]
    public async Task Upload_of_something_that_is_not_an_image_is_415_whatever_its_name()
    {
        var product = await CreateProductAsync();
        using var response = await UploadAsync(IdOf(product), "<?php echo 1; ?>"u8.ToArray(), "evil.png", StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task Upload_over_5_MiB_is_413()
    {
        var product = await CreateProductAsync();
        var big = new byte[5 * 1024 * 1024 + 1];
        Png.CopyTo(big, 0);
        using var response = await UploadAsync(IdOf(product), big, "big.png", StaffToken);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Image_writes_need_staff()
    {
        var product = await CreateProductAsync();
        using (var anonymous = await UploadAsync(IdOf(product), Png, "a.png", token: null))
            await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        using (var user = await UploadAsync(IdOf(product), Png, "a.png", UserToken))
            await AssertProblemAsync(user, HttpStatusCode.Forbidden);
        using var delete = await SendAsync(HttpMethod.Delete, $"/api/products/{IdOf(product)}/images/1", token: UserToken);
        await AssertProblemAsync(delete, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Media_never_serves_files_outside_the_media_folder()
    {
        foreach (var url in new[] { "/media/../appsettings.json", "/media/%2e%2e/%2e%2e/etc/passwd", "/media/..%2fappsettings.json" })
        {
            using var response = await GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK), url);
            Assert.That(text, Does.Not.Contain("root:").And.Not.Contain("Logging"), url);
        }
    }
}
