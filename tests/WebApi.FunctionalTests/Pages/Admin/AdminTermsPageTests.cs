using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages.Admin;

/// <summary>
/// <c>/admin/categories</c> and <c>/admin/tags</c>: list, create (<c>/new</c>), edit (<c>/{id}/edit</c>) and delete
/// (<c>/{id}/delete</c>); a category that still has products is not deleted and the page says why.
/// </summary>
public abstract class AdminTermsPageTests(string provider, string kind) : PageTestBase(provider)
{
    private PageClient _staff = null!;

    private string Api => $"/api/{kind}";

    [OneTimeSetUp]
    public async Task SignInStaffAsync() => _staff = await SignedInAsync(staff: true);

    [OneTimeTearDown]
    public void DisposeStaff() => _staff?.Dispose();

    private Task<JsonObject> CreateTermAsync(string? name = null) => kind == "categories" ? CreateCategoryAsync(name) : CreateTagAsync(name);

    private async Task<JsonObject?> FindAsync(int id)
    {
        using var response = await GetAsync($"{Api}/{id}");
        return response.StatusCode == HttpStatusCode.OK ? await ReadObjectAsync(response, HttpStatusCode.OK) : null;
    }

    private static string ShortName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    [Test]
    public async Task List_shows_each_term_with_links_to_edit_and_delete_and_a_link_to_new()
    {
        var term = await CreateTermAsync(ShortName("Listed"));
        var page = await _staff.GetAsync($"/admin/{kind}");
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        var links = page.Document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(page.VisibleText, Does.Contain(NameOf(term)));
            Assert.That(links, Does.Contain($"/admin/{kind}/new"));
            Assert.That(links, Does.Contain($"/admin/{kind}/{IdOf(term)}/edit"));
            Assert.That(links, Does.Contain($"/admin/{kind}/{IdOf(term)}/delete"));
        });
    }

    [Test]
    public async Task New_form_creates_the_term_and_redirects_to_the_list_with_a_flash()
    {
        var name = ShortName("Made");
        var answer = await _staff.OpenAndSubmitAsync($"/admin/{kind}/new", f => f.Set("Name", name));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        var list = await _staff.GetAsync(answer.LocationPathAndQuery!);
        Assert.That(list.Document.QuerySelector(".flash, [role=status]")?.TextContent, Is.Not.Null.And.Not.Empty, "a flash");
        var all = await ListAsync($"{Api}?pageSize=100&page=1");
        var made = (await AllTermsAsync()).FirstOrDefault(t => t["name"]!.GetValue<string>() == name);
        Assert.That(made, Is.Not.Null, $"{name} exists: {all}");
        Assert.That(made!["slug"]!.GetValue<string>(), Is.EqualTo(name.ToLowerInvariant()), "the slug is made from the name");
    }

    private async Task<List<JsonNode>> AllTermsAsync()
    {
        var items = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var list = await ListAsync($"{Api}?pageSize=100&page={page}");
            items.AddRange(list["items"]!.AsArray()!.Select(i => i!));
            if (page >= list["totalPages"]!.GetValue<int>()) return items;
        }
    }

    [Test]
    public async Task New_form_with_an_empty_name_shows_the_message_next_to_the_name_and_keeps_the_slug()
    {
        var answer = await _staff.OpenAndSubmitAsync($"/admin/{kind}/new", f => f.Set("Name", "").Set("Slug", "kept-slug"));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Describe());
        Assert.That(ErrorNextTo(answer.Document, "Name"), Is.Not.Empty);
        Assert.That(ValueOf(answer.Document, "Slug"), Is.EqualTo("kept-slug"));
    }

    [Test]
    public async Task New_form_with_a_taken_name_shows_the_message_next_to_the_name()
    {
        var existing = await CreateTermAsync(ShortName("Taken"));
        var answer = await _staff.OpenAndSubmitAsync($"/admin/{kind}/new", f => f.Set("Name", NameOf(existing)));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Describe());
        Assert.That(ErrorNextTo(answer.Document, "Name"), Is.Not.Empty);
        Assert.That(ValueOf(answer.Document, "Name"), Is.EqualTo(NameOf(existing)));
    }

    [Test]
    public async Task Form_slug_field_is_prefilled_from_the_name_field_by_script()
    {
        var page = await _staff.GetAsync($"/admin/{kind}/new");
        var source = Control(page.Document, "Slug").GetAttribute("data-slug-from");
        Assert.That(source, Is.Not.Null.And.Not.Empty);
        Assert.That(page.Document.GetElementById(source!)?.GetAttribute("name"), Is.EqualTo("Name"));
    }

    [Test]
    public async Task Edit_form_shows_the_current_name_and_saves_a_rename()
    {
        var term = await CreateTermAsync(ShortName("Old"));
        var page = await _staff.GetAsync($"/admin/{kind}/{IdOf(term)}/edit");
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        Assert.That(ValueOf(page.Document, "Name"), Is.EqualTo(NameOf(term)));

        var newName = ShortName("New");
        var answer = await _staff.SubmitAsync(page, f => f.Set("Name", newName));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        Assert.That((await FindAsync(IdOf(term)))!["name"]!.GetValue<string>(), Is.EqualTo(newName));
    }

    [Test]
    public async Task Edit_and_delete_of_an_unknown_id_answer_404()
    {
        Assert.That((await _staff.GetAsync($"/admin/{kind}/99999999/edit")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _staff.GetAsync($"/admin/{kind}/99999999/delete")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Delete_asks_first_and_deletes_an_unused_term_on_the_confirming_post()
    {
        var term = await CreateTermAsync(ShortName("Gone"));
        var confirm = await _staff.GetAsync($"/admin/{kind}/{IdOf(term)}/delete");
        Assert.That(confirm.Status, Is.EqualTo(HttpStatusCode.OK), confirm.Describe());
        Assert.That(confirm.VisibleText, Does.Contain(NameOf(term)));
        Assert.That(await FindAsync(IdOf(term)), Is.Not.Null, "nothing deleted before confirming");

        var answer = await _staff.SubmitAsync(confirm);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        Assert.That(await FindAsync(IdOf(term)), Is.Null);
    }

    [Test]
    public async Task Deleting_a_term_in_use_keeps_a_category_and_says_why_or_unlinks_a_tag()
    {
        var term = await CreateTermAsync(ShortName("Used"));
        var body = ProductBody();
        if (kind == "categories") body["categoryId"] = IdOf(term);
        else body["tags"] = new JsonArray(new JsonObject { ["slug"] = term["slug"]!.GetValue<string>() });
        var product = await CreateProductAsync(body);

        var confirm = await _staff.GetAsync($"/admin/{kind}/{IdOf(term)}/delete");
        Assert.That(confirm.Status, Is.EqualTo(HttpStatusCode.OK), confirm.Describe());
        var form = confirm.Document.Forms.FirstOrDefault(f => f.QuerySelector("button, input[type=submit]") is not null
                                                              && f.GetAttribute("action") != "/accounts/logout");
        var answer = form is null ? confirm : await _staff.SubmitAsync(confirm, form: form);

        if (kind == "categories")
        {
            Assert.That((int)answer.Status, Is.LessThan(500), answer.Describe());
            Assert.That(await FindAsync(IdOf(term)), Is.Not.Null, "a category with products is not deleted");
            Assert.That(answer.VisibleText, Does.Contain("product").IgnoreCase, "the page gives the reason: " + answer.VisibleText);
            Assert.That((await GetProductAsStaffAsync(IdOf(product)))["category"]?["id"]?.GetValue<int>(), Is.EqualTo(IdOf(term)));
        }
        else
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
            Assert.That(await FindAsync(IdOf(term)), Is.Null);
            Assert.That((await GetProductAsStaffAsync(IdOf(product)))["tags"]!.AsArray(), Is.Empty, "the tag's links are gone, the product stays");
        }
    }
}

public sealed class AdminCategoriesPageTests(string provider) : AdminTermsPageTests(provider, "categories");

public sealed class AdminTagsPageTests(string provider) : AdminTermsPageTests(provider, "tags");
