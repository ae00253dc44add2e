using System.Net;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

public sealed class ProductExportTests(string provider) : ApiTestBase(provider)
{
    [Test]
    public async Task Export_streams_every_product_as_csv_with_a_header_row_first()
    {
        var published = await CreatePublishedProductAsync();
        var draft = await CreateProductAsync();

        using var response = await GetAsync("/api/products/export.csv", StaffToken);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.Contain("name").IgnoreCase.And.Contain("price").IgnoreCase, "header row");
            Assert.That(text, Does.Contain(published["name"]!.GetValue<string>()));
            Assert.That(text, Does.Contain(draft["name"]!.GetValue<string>()), "every product, drafts too");
        });
    }

    [Test]
    public async Task Export_needs_staff()
    {
        using var anonymous = await GetAsync("/api/products/export.csv");
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        using var user = await GetAsync("/api/products/export.csv", UserToken);
        await AssertProblemAsync(user, HttpStatusCode.Forbidden);
    }
}
