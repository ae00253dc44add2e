using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

/// <summary>The upload's failure answers, how stored files are served, and that no file outlives its row.</summary>
public sealed class ProductImageUploadTests(string provider) : ApiTestBase(provider)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static readonly byte[] Gif = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"u8.ToArray();

    private async Task<HttpResponseMessage> PostFormAsync(int productId, Action<MultipartFormDataContent> fill)
    {
        using var form = new MultipartFormDataContent();
        fill(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/products/{productId}/images") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StaffToken);
        return await Client.SendAsync(request);
    }

    private static void AddFile(MultipartFormDataContent form, byte[] content, string fileName = "photo.png", string contentType = "image/png")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
    }

    private async Task<JsonObject> UploadAsync(int productId, byte[] content, int? position = null, string? alt = null)
    {
        using var response = await PostFormAsync(productId, form =>
        {
            AddFile(form, content);
            if (alt is not null) form.Add(new StringContent(alt), "alt");
            if (position is not null) form.Add(new StringContent(position.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), "position");
        });
        return await ReadObjectAsync(response, HttpStatusCode.Created);
    }

    private string StoredFileOf(JsonNode image) =>
        Path.Combine(Factory.MediaRoot, image["url"]!.GetValue<string>()["/media/".Length..]);

    [Test]
    public async Task Created_answers_a_location_and_defaults_alt_and_position()
    {
        var product = await CreateProductAsync();
        using var response = await PostFormAsync(IdOf(product), form => AddFile(form, Png));

        var image = await ReadObjectAsync(response, HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/products/{IdOf(product)}/images/{IdOf(image)}"));
            Assert.That(image["alt"]!.GetValue<string>(), Is.EqualTo(""));
            Assert.That(image["position"]!.GetValue<int>(), Is.Zero);
            Assert.That(image["url"]!.GetValue<string>(), Does.Match("^/media/products/\\d{4}/\\d{2}/[0-9a-f]{32}\\.png$"));
        });
    }

    [Test]
    public async Task The_stored_name_comes_from_the_content_never_from_the_clients_file_name()
    {
        var product = await CreateProductAsync();
        using var response = await PostFormAsync(IdOf(product), form => AddFile(form, Gif, "../../evil.php", "application/x-php"));

        var url = (await ReadObjectAsync(response, HttpStatusCode.Created))["url"]!.GetValue<string>();
        Assert.That(url, Does.EndWith(".gif").And.Not.Contain("evil"));
    }

    [Test]
    public async Task A_stored_file_is_served_with_its_content_type_nosniff_and_a_long_immutable_cache()
    {
        var image = await UploadAsync(IdOf(await CreateProductAsync()), Gif);

        using var served = await GetAsync(image["url"]!.GetValue<string>());

        Assert.Multiple(() =>
        {
            Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(served.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/gif"));
            Assert.That(served.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(served.Headers.CacheControl?.Public, Is.True);
            Assert.That(served.Headers.CacheControl?.MaxAge, Is.GreaterThanOrEqualTo(TimeSpan.FromDays(365)));
            Assert.That(served.Headers.CacheControl?.Extensions.Select(e => e.Name), Does.Contain("immutable"));
        });
    }

    [Test]
    public async Task Product_detail_lists_images_by_position()
    {
        var product = await CreatePublishedProductAsync();
        var second = await UploadAsync(IdOf(product), Png, position: 5);
        var first = await UploadAsync(IdOf(product), Gif, position: 0);
        var third = await UploadAsync(IdOf(product), Png, position: 9);

        using var response = await GetAsync($"/api/products/{IdOf(product)}");
        var detail = await ReadObjectAsync(response, HttpStatusCode.OK);

        Assert.That(detail["images"]!.AsArray().Select(i => IdOf(i!)), Is.EqualTo(new[] { IdOf(first), IdOf(second), IdOf(third) }));
    }

    [Test]
    public async Task Deleting_a_product_removes_its_files()
    {
        var product = await CreateProductAsync();
        var images = new[] { await UploadAsync(IdOf(product), Png), await UploadAsync(IdOf(product), Gif) };
        Assert.That(images.Select(StoredFileOf).Select(File.Exists), Has.All.True);

        using var delete = await SendAsync(HttpMethod.Delete, $"/api/products/{IdOf(product)}", token: StaffToken);

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(images.Select(StoredFileOf).Select(File.Exists), Has.All.False);
        foreach (var image in images)
        {
            using var gone = await GetAsync(image["url"]!.GetValue<string>());
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task An_upload_lists_its_webp_thumbnail_and_copy_which_go_with_it()
    {
        var product = await CreateProductAsync();
        var image = await UploadAsync(IdOf(product), Png);
        var undecodable = await UploadAsync(IdOf(product), Gif);
        var variants = image["variants"]!.AsArray();
        var urls = variants.Select(v => v!["url"]!.GetValue<string>()).ToList();
        var stem = image["url"]!.GetValue<string>()[..^".png".Length];

        var served = new List<(HttpStatusCode, string?, string)>();
        foreach (var url in urls)
        {
            using var response = await GetAsync(url);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            served.Add((response.StatusCode, response.Content.Headers.ContentType?.MediaType, System.Text.Encoding.ASCII.GetString(bytes, 8, 4)));
        }
        using var detail = await GetAsync($"/api/products/{IdOf(product)}", StaffToken);
        var listed = (await ReadObjectAsync(detail, HttpStatusCode.OK))["images"]!.AsArray().Single(i => IdOf(i!) == IdOf(image))!["variants"]!;

        Assert.Multiple(() =>
        {
            Assert.That(variants.Select(v => (v!["name"]!.GetValue<string>(), v["width"]!.GetValue<int>(), v["height"]!.GetValue<int>())),
                Is.EqualTo(new[] { ("thumbnail", 1, 1), ("webp", 1, 1) }));
            Assert.That(urls, Is.EqualTo(new[] { stem + "-thumbnail.webp", stem + "-webp.webp" }));
            Assert.That(served, Has.All.EqualTo((HttpStatusCode.OK, "image/webp", "WEBP")));
            Assert.That(listed.ToJsonString(), Is.EqualTo(variants.ToJsonString()), "the detail lists them too");
            Assert.That(undecodable["variants"]!.AsArray(), Is.Empty, "a file that only looks like a GIF is kept as it is, without copies");
        });

        using var delete = await SendAsync(HttpMethod.Delete, $"/api/products/{IdOf(product)}/images/{IdOf(image)}", token: StaffToken);
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        foreach (var url in urls)
        {
            using var gone = await GetAsync(url);
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
        }
    }

    [Test]
    public async Task Refused_uploads_leave_no_file_behind()
    {
        var product = await CreateProductAsync();
        var big = new byte[5 * 1024 * 1024 + 1];
        Png.CopyTo(big, 0);

        using (var text = await PostFormAsync(IdOf(product), form => AddFile(form, "just text"u8.ToArray(), "a.png")))
            Assert.That(text.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        using (var tooBig = await PostFormAsync(IdOf(product), form => AddFile(form, big)))
            Assert.That(tooBig.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        using (var unknown = await PostFormAsync(int.MaxValue, form => AddFile(form, Png)))
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var files = Directory.Exists(Factory.MediaRoot)
            ? Directory.EnumerateFiles(Factory.MediaRoot, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList()
            : [];
        var stored = (await GetProductAsStaffAsync(IdOf(product)))["images"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.Empty);
            Assert.That(files, Has.None.EndsWith(".tmp"));
        });
    }

    [Test]
    public async Task Exactly_5_MiB_is_accepted()
    {
        var file = new byte[5 * 1024 * 1024];
        Png.CopyTo(file, 0);

        var image = await UploadAsync(IdOf(await CreateProductAsync()), file);

        Assert.That(new FileInfo(StoredFileOf(image)).Length, Is.EqualTo(file.Length));
    }

    [Test]
    public async Task An_endless_chunked_upload_is_cut_at_5_MiB_while_it_streams()
    {
        var product = await CreateProductAsync();
        var source = new EndlessPng(limit: 64L * 1024 * 1024);

        using var response = await PostFormAsync(IdOf(product), form =>
        {
            var file = new StreamContent(source); // no length: sent chunked
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", "big.png");
        });

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.That(source.BytesRead, Is.LessThan(16L * 1024 * 1024), "refused long before the 64 MiB were sent");
    }

    [Test]
    public async Task Missing_file_is_a_validation_error_of_file()
    {
        var product = await CreateProductAsync();
        using var response = await PostFormAsync(IdOf(product), form => form.Add(new StringContent("front"), "alt"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "file");
    }

    [TestCase("alt", "121 characters")]
    [TestCase("position", "-1")]
    [TestCase("position", "first")]
    public async Task Bad_alt_or_position_is_a_validation_error_of_that_field(string field, string value)
    {
        if (value == "121 characters") value = new string('a', 121);
        var product = await CreateProductAsync();
        using var response = await PostFormAsync(IdOf(product), form =>
        {
            AddFile(form, Png);
            form.Add(new StringContent(value), field);
        });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task A_body_that_is_not_multipart_is_415()
    {
        var product = await CreateProductAsync();
        using var response = await SendAsync(HttpMethod.Post, $"/api/products/{IdOf(product)}/images", """{"file": "iVBORw0KGgo="}""", StaffToken);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task Unknown_product_or_image_is_404()
    {
        var product = await CreateProductAsync();
        var other = await CreateProductAsync();
        var image = await UploadAsync(IdOf(other), Png);

        using (var upload = await PostFormAsync(int.MaxValue, form => AddFile(form, Png)))
            await AssertProblemAsync(upload, HttpStatusCode.NotFound);
        using (var unknownImage = await SendAsync(HttpMethod.Delete, $"/api/products/{IdOf(product)}/images/{int.MaxValue}", token: StaffToken))
            await AssertProblemAsync(unknownImage, HttpStatusCode.NotFound);
        using (var someoneElses = await SendAsync(HttpMethod.Delete, $"/api/products/{IdOf(product)}/images/{IdOf(image)}", token: StaffToken))
            await AssertProblemAsync(someoneElses, HttpStatusCode.NotFound);
        using (var unknownProduct = await SendAsync(HttpMethod.Delete, $"/api/products/{int.MaxValue}/images/{IdOf(image)}", token: StaffToken))
            await AssertProblemAsync(unknownProduct, HttpStatusCode.NotFound);

        Assert.That(File.Exists(StoredFileOf(image)), Is.True, "another product's image is untouched");
    }

    /// <summary>A PNG signature followed by zeros, up to a large limit, counting how much the server pulled.</summary>
    private sealed class EndlessPng(long limit) : Stream
    {
        private long _read;
        public long BytesRead => Interlocked.Read(ref _read);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, limit - _read);
            var span = buffer.AsSpan(offset, n);
            span.Clear();
            for (var i = 0; i < n && _read + i < Png.Length; i++) span[i] = Png[_read + i];
            Interlocked.Add(ref _read, n);
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
