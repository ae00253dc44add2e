using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Infrastructure.Persistence;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

/// <summary>
/// A product row stored without its ProductDetails row (by another tool, a restore, a hand-made INSERT): every read
/// answers it with <c>specs: {}</c>, never a 500, and a write that sets the specs gives it a detail row again.
/// </summary>
public sealed class ProductWithoutDetailTests(string provider) : PageTestBase(provider)
{
    /// <summary>A published product whose detail row has been deleted behind the app's back.</summary>
    private async Task<JsonObject> ProductWithoutDetailAsync()
    {
        var product = await CreateListedProductAsync(Word(), change: b => b["specs"] = new JsonObject { ["switch"] = "brown" });
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var deleted = await db.Database.ExecuteSqlRawAsync("DELETE FROM \"ProductDetails\" WHERE \"ProductId\" = {0}", IdOf(product));
        Assert.That(deleted, Is.EqualTo(1), "the detail row was there and is gone");
        return product;
    }

    [Test]
    public async Task Reads_by_id_and_by_slug_answer_200_with_empty_specs()
    {
        var product = await ProductWithoutDetailAsync();

        foreach (var url in new[] { $"/api/products/{IdOf(product)}", $"/api/products/by-slug/{SlugOf(product)}" })
        {
            foreach (var token in new[] { null, StaffToken })
            {
                using var response = await GetAsync(url, token);
                var read = await ReadObjectAsync(response, HttpStatusCode.OK);
                Assert.Multiple(() =>
                {
                    Assert.That(read["specs"]?.ToJsonString(), Is.EqualTo("{}"), url);
                    Assert.That(read["description"]?.GetValue<string>(), Is.EqualTo(""), url);
                    Assert.That(read["name"]?.GetValue<string>(), Is.EqualTo(NameOf(product)), url);
                });
            }
        }
    }

    [Test]
    public async Task Csv_export_answers_the_product_with_empty_specs()
    {
        var product = await ProductWithoutDetailAsync();

        using var response = await GetAsync("/api/products/export.csv", StaffToken);
        var csv = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), csv);
        Assert.That(csv.Split('\n').Single(l => l.StartsWith($"{IdOf(product)},", StringComparison.Ordinal)), Does.EndWith(",{}\r").Or.EndWith(",{}"));
    }

    [Test]
    public async Task Patch_and_put_work_and_give_it_its_specs_again()
    {
        var product = await ProductWithoutDetailAsync();
        var id = IdOf(product);

        using (var rename = await SendAsync(HttpMethod.Patch, $"/api/products/{id}", new JsonObject { ["name"] = Unique("Renamed ") }, StaffToken, MergePatch))
            Assert.That((await ReadObjectAsync(rename, HttpStatusCode.OK))["specs"]?.ToJsonString(), Is.EqualTo("{}"));
        using (var patch = await SendAsync(HttpMethod.Patch, $"/api/products/{id}", """{"specs": {"a": 1}}""", StaffToken, MergePatch))
            Assert.That((await ReadObjectAsync(patch, HttpStatusCode.OK))["specs"]?.ToJsonString(), Is.EqualTo("""{"a":1}"""));
        Assert.That((await GetProductAsStaffAsync(id))["specs"]?.ToJsonString(), Is.EqualTo("""{"a":1}"""), "stored again");

        var other = await ProductWithoutDetailAsync();
        using var put = await SendAsync(HttpMethod.Put, $"/api/products/{IdOf(other)}", ProductBody(Unique("Replaced ")), StaffToken);
        Assert.That((await ReadObjectAsync(put, HttpStatusCode.OK))["specs"]?.ToJsonString(), Is.EqualTo("{}"));
    }

    [Test]
    public async Task Web_detail_edit_and_admin_pages_answer_200()
    {
        var product = await ProductWithoutDetailAsync();
        using var visitor = NewVisitor();
        using var staff = await SignedInAsync(staff: true);

        var detail = await visitor.GetAsync($"/products/{SlugOf(product)}");
        Assert.That(detail.Status, Is.EqualTo(HttpStatusCode.OK), detail.Describe());
        foreach (var url in new[]
                 {
                     $"/products/{SlugOf(product)}/edit", $"/products/{SlugOf(product)}/delete", "/admin/products",
                     $"/admin/products/{IdOf(product)}/images", $"/admin/products/delete?ids={IdOf(product)}",
                 })
        {
            var page = await staff.GetAsync(url);
            Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), $"{url}: {page.Describe()}");
        }

        var saved = await staff.OpenAndSubmitAsync($"/products/{SlugOf(product)}/edit", f => f.Set("Form.Description", "Edited"));
        Assert.That(saved.Status, Is.EqualTo(HttpStatusCode.Redirect), saved.Describe());
        Assert.That((await GetProductAsStaffAsync(IdOf(product)))["description"]?.GetValue<string>(), Is.EqualTo("Edited"));
    }

    [Test]
    public async Task Specs_stored_as_something_other_than_a_json_object_read_as_empty()
    {
        var product = await CreateListedProductAsync(Word());
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            await db.Database.ExecuteSqlRawAsync("UPDATE \"ProductDetails\" SET \"SpecsJson\" = {0} WHERE \"ProductId\" = {1}", "not json", IdOf(product));
        }

        using var response = await GetAsync($"/api/products/{IdOf(product)}");
        Assert.That((await ReadObjectAsync(response, HttpStatusCode.OK))["specs"]?.ToJsonString(), Is.EqualTo("{}"));
    }

    [TestCase("not json")]
    [TestCase("null")]
    [TestCase("[1]")]
    [TestCase("{\"a\": 1} trailing")]
    public async Task Csv_export_writes_specs_stored_as_something_other_than_a_json_object_as_empty(string stored)
    {
        var product = await CreateListedProductAsync(Word());
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            await db.Database.ExecuteSqlRawAsync("UPDATE \"ProductDetails\" SET \"SpecsJson\" = {0} WHERE \"ProductId\" = {1}", stored, IdOf(product));
        }

        using var response = await GetAsync("/api/products/export.csv", StaffToken);
        var csv = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), csv);
        Assert.That(csv.Split('\n').Single(l => l.StartsWith($"{IdOf(product)},", StringComparison.Ordinal)), Does.EndWith(",{}\r").Or.EndWith(",{}"));
    }
}
