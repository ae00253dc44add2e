using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages;

/// <summary>
/// The staff forms <c>/products/new</c>, <c>/products/{slug}/edit</c> and <c>/products/{slug}/delete</c>: a bad submission
/// shows the form again with each message next to its field and what was typed kept; success redirects with "Product saved".
/// </summary>
public sealed class ProductFormPageTests(string provider) : PageTestBase(provider)
{
    private const string Name = "Form.Name";
    private const string Slug = "Form.Slug";
    private const string Price = "Form.Price";
    private const string Description = "Form.Description";
    private const string Tags = "Form.Tags";
    private const string Specs = "Form.Specs";
    private const string CategoryId = "Form.CategoryId";
    private const string Status = "Form.Status";

    private PageClient _staff = null!;

    [OneTimeSetUp]
    public async Task SignInStaffAsync() => _staff = await SignedInAsync(staff: true);

    [OneTimeTearDown]
    public void DisposeStaff() => _staff?.Dispose();

    private Task<PageAnswer> SubmitNewAsync(Action<FormFields> fill) => _staff.OpenAndSubmitAsync("/products/new", fill);

    private static void AssertFormShownAgain(PageAnswer answer)
    {
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Describe());
        Assert.That(answer.Document.QuerySelector($"[name='{Name}']"), Is.Not.Null, "the form is shown again");
    }

    private async Task<JsonObject?> FindBySlugAsync(string slug)
    {
        using var response = await GetAsync($"/api/products/by-slug/{slug}", StaffToken);
        return response.StatusCode == HttpStatusCode.OK ? await ReadObjectAsync(response, HttpStatusCode.OK) : null;
    }

    [Test]
    public async Task Valid_new_product_redirects_to_it_with_the_flash_product_saved()
    {
        var category = await CreateCategoryAsync();
        var tag = await CreateTagAsync();
        var name = Unique("Lamp ");

        var answer = await SubmitNewAsync(f => f
            .Set(Name, name).Set(Price, "19.90").Set(Description, "Warm\nlight")
            .Set(CategoryId, IdOf(category).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set(Tags, $"{tag["slug"]}:3").Set(Specs, """{"watts": 40}""").Set(Status, "published"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        var location = answer.LocationPathAndQuery!;
        Assert.That(location, Does.StartWith("/"));
        var shown = await _staff.GetAsync(location);
        Assert.Multiple(() =>
        {
            Assert.That(shown.Status, Is.EqualTo(HttpStatusCode.OK), shown.Describe());
            Assert.That(shown.VisibleText, Does.Contain("Product saved"));
            Assert.That(shown.VisibleText, Does.Contain(name));
        });
        var again = await _staff.GetAsync(location);
        Assert.That(again.VisibleText, Does.Not.Contain("Product saved"), "the flash is shown once");

        var product = await FindBySlugAsync(name.ToLowerInvariant().Replace(' ', '-'));
        Assert.That(product, Is.Not.Null, "the product exists");
        Assert.Multiple(() =>
        {
            Assert.That(product!["price"]!.GetValue<decimal>(), Is.EqualTo(19.90m));
            Assert.That(product["description"]!.GetValue<string>(), Does.Contain("Warm").And.Contain("light"));
            Assert.That(product["status"]!.GetValue<string>(), Is.EqualTo("published"));
            Assert.That(product["category"]!["id"]!.GetValue<int>(), Is.EqualTo(IdOf(category)));
            Assert.That(product["tags"]![0]!["weight"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(product["specs"]!["watts"]!.GetValue<int>(), Is.EqualTo(40));
        });
    }

    [TestCase(Name, "", "19.90", TestName = "Empty name is refused next to the name field")]
    [TestCase(Name, "{long}", "19.90", TestName = "Name over 120 characters is refused next to the name field")]
    [TestCase(Price, "{name}", "abc", TestName = "Price that is not a number is refused next to the price field")]
    [TestCase(Price, "{name}", "1e400", TestName = "Price 1e400 is refused next to the price field")]
    [TestCase(Price, "{name}", "100000.01", TestName = "Price above 100000 is refused next to the price field")]
    [TestCase(Price, "{name}", "-1", TestName = "Negative price is refused next to the price field")]
    [TestCase(Price, "{name}", "1.999", TestName = "Price with three decimals is refused next to the price field")]
    [TestCase(Price, "{name}", "", TestName = "Missing price is refused next to the price field")]
    public async Task Bad_field_is_refused_next_to_it_and_typed_values_are_kept(string field, string name, string price)
    {
        name = name.Replace("{long}", new string('x', 121), StringComparison.Ordinal).Replace("{name}", Unique("Kept "), StringComparison.Ordinal);
        const string description = "Typed\ndescription <kept>";
        var answer = await SubmitNewAsync(f => f.Set(Name, name).Set(Price, price).Set(Description, description).Set(Tags, "").Set(Specs, """{"kept": true}"""));

        AssertFormShownAgain(answer);
        Assert.Multiple(() =>
        {
            Assert.That(ErrorNextTo(answer.Document, field), Is.Not.Empty, $"a message next to {field}: {answer.Document.QuerySelector("form")?.InnerHtml}");
            foreach (var other in new[] { Name, Price, Description, Specs }.Where(f => f != field))
                Assert.That(ErrorNextTo(answer.Document, other), Is.Empty, $"no message next to {other}");
            Assert.That(ValueOf(answer.Document, Name), Is.EqualTo(name));
            Assert.That(ValueOf(answer.Document, Price), Is.EqualTo(price));
            Assert.That(ValueOf(answer.Document, Description)?.ReplaceLineEndings("\n"), Is.EqualTo(description));
            Assert.That(ValueOf(answer.Document, Specs), Is.EqualTo("""{"kept": true}"""));
        });
    }

    [TestCase(Specs, "not json", TestName = "Specs that are not JSON are refused next to the specs field")]
    [TestCase(Specs, "[1, 2]", TestName = "Specs that are a JSON array are refused next to the specs field")]
    [TestCase(Tags, "a:b", TestName = "Tag weight that is not a number is refused next to the tags field")]
    [TestCase(Tags, "{tag}:0", TestName = "Tag weight 0 is refused next to the tags field")]
    [TestCase(Tags, "no-such-tag-zz", TestName = "Unknown tag is refused next to the tags field")]
    [TestCase(CategoryId, "99999999", TestName = "Unknown category is refused next to the category field")]
    [TestCase(Slug, "Not A Slug!", TestName = "Slug with capitals and spaces is refused next to the slug field")]
    public async Task Bad_optional_field_is_refused_next_to_it_and_typed_values_are_kept(string field, string value)
    {
        var tag = await CreateTagAsync();
        value = value.Replace("{tag}", tag["slug"]!.GetValue<string>(), StringComparison.Ordinal);
        var name = Unique("Kept ");

        var answer = await _staff.OpenAndSubmitAsync("/products/new", f => f.Set(Name, name).Set(Price, "5").Set(field, value));

        AssertFormShownAgain(answer);
        Assert.Multiple(() =>
        {
            Assert.That(ErrorNextTo(answer.Document, field), Is.Not.Empty, $"a message next to {field}");
            Assert.That(ErrorNextTo(answer.Document, Name), Is.Empty);
            Assert.That(ValueOf(answer.Document, Name), Is.EqualTo(name));
            if (field != CategoryId) Assert.That(ValueOf(answer.Document, field), Is.EqualTo(value), "the typed value is kept");
        });
    }

    [Test]
    public async Task All_problems_of_a_submission_are_shown_at_once()
    {
        var answer = await SubmitNewAsync(f => f.Set(Name, "").Set(Price, "abc"));
        AssertFormShownAgain(answer);
        Assert.Multiple(() =>
        {
            Assert.That(ErrorNextTo(answer.Document, Price), Is.Not.Empty, "price message");
            Assert.That(ErrorNextTo(answer.Document, Name), Is.Not.Empty, "name message shown together with the price message");
        });
    }

    [Test]
    public async Task Name_taken_by_an_active_product_is_refused_next_to_the_name()
    {
        var existing = await CreateProductAsync();
        var answer = await SubmitNewAsync(f => f.Set(Name, NameOf(existing).ToUpperInvariant()).Set(Price, "5"));
        AssertFormShownAgain(answer);
        Assert.That(ErrorNextTo(answer.Document, Name), Is.Not.Empty);
    }

    [Test]
    public async Task Slug_taken_is_refused_next_to_the_slug()
    {
        var existing = await CreateProductAsync();
        var answer = await SubmitNewAsync(f => f.Set(Name, Unique("Other ")).Set(Slug, SlugOf(existing)).Set(Price, "5"));
        AssertFormShownAgain(answer);
        Assert.That(ErrorNextTo(answer.Document, Slug), Is.Not.Empty);
        Assert.That(ValueOf(answer.Document, Slug), Is.EqualTo(SlugOf(existing)));
    }

    [Test]
    public async Task New_form_slug_field_is_prefilled_from_the_name_field_by_script()
    {
        var page = await _staff.GetAsync("/products/new");
        var slug = Control(page.Document, Slug);
        var source = slug.GetAttribute("data-slug-from");
        Assert.That(source, Is.Not.Null.And.Not.Empty, "the slug field names its source with data-slug-from");
        Assert.That(page.Document.GetElementById(source!)?.GetAttribute("name"), Is.EqualTo(Name), "data-slug-from points at the name field");
        Assert.That(page.Document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")), Has.Some.Match(@"^/js/site(\.[a-z0-9]+)?\.js$"));
    }

    [Test]
    public async Task Form_labels_belong_to_their_fields()
    {
        var page = await _staff.GetAsync("/products/new");
        foreach (var label in page.Document.QuerySelectorAll("main form label[for]"))
        {
            var target = page.Document.GetElementById(label.GetAttribute("for")!);
            Assert.That(target, Is.Not.Null, $"the label “{label.TextContent.Trim()}” points at no field (for=\"{label.GetAttribute("for")}\")");
        }
    }

    [Test]
    public async Task Edit_form_shows_the_current_values()
    {
        var category = await CreateCategoryAsync();
        var product = await CreateProductAsync(new JsonObject
        {
            ["name"] = Unique("Edit me "),
            ["price"] = 42.5,
            ["description"] = "Two\nlines",
            ["categoryId"] = IdOf(category),
            ["specs"] = new JsonObject { ["color"] = "red" },
        });

        var page = await _staff.GetAsync($"/products/{SlugOf(product)}/edit");

        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        Assert.Multiple(() =>
        {
            Assert.That(ValueOf(page.Document, Name), Is.EqualTo(NameOf(product)));
            Assert.That(ValueOf(page.Document, Slug), Is.EqualTo(SlugOf(product)));
            Assert.That(decimal.Parse(ValueOf(page.Document, Price)!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(42.5m));
            Assert.That(ValueOf(page.Document, Description)?.ReplaceLineEndings("\n"), Is.EqualTo("Two\nlines"));
            Assert.That(ValueOf(page.Document, CategoryId), Is.EqualTo(IdOf(category).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(ValueOf(page.Document, Specs), Does.Contain("red"));
            Assert.That(ValueOf(page.Document, Status), Is.EqualTo("draft"));
        });
    }

    [Test]
    public async Task Edit_saves_changes_and_redirects_with_the_flash()
    {
        var product = await CreateProductAsync();
        var newName = Unique("Renamed ");

        var answer = await _staff.OpenAndSubmitAsync($"/products/{SlugOf(product)}/edit", f => f.Set(Name, newName).Set(Price, "77"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        var shown = await _staff.GetAsync(answer.LocationPathAndQuery!);
        Assert.That(shown.VisibleText, Does.Contain("Product saved").And.Contain(newName));
        var saved = await GetProductAsStaffAsync(IdOf(product));
        Assert.Multiple(() =>
        {
            Assert.That(saved["name"]!.GetValue<string>(), Is.EqualTo(newName));
            Assert.That(saved["price"]!.GetValue<decimal>(), Is.EqualTo(77m));
            Assert.That(saved["slug"]!.GetValue<string>(), Is.EqualTo(SlugOf(product)), "the slug does not follow a rename");
        });
    }

    [Test]
    public async Task Bad_edit_shows_the_form_again_with_the_typed_values_and_changes_nothing()
    {
        var product = await CreateProductAsync();
        var typed = Unique("Typed ");

        var answer = await _staff.OpenAndSubmitAsync($"/products/{SlugOf(product)}/edit", f => f.Set(Name, typed).Set(Price, "twelve"));

        AssertFormShownAgain(answer);
        Assert.Multiple(() =>
        {
            Assert.That(ErrorNextTo(answer.Document, Price), Is.Not.Empty);
            Assert.That(ValueOf(answer.Document, Name), Is.EqualTo(typed));
            Assert.That(ValueOf(answer.Document, Price), Is.EqualTo("twelve"));
        });
        Assert.That((await GetProductAsStaffAsync(IdOf(product)))["name"]!.GetValue<string>(), Is.EqualTo(NameOf(product)));
    }

    [Test]
    public async Task Edit_and_delete_of_an_unknown_slug_answer_404()
    {
        var slug = Word();
        Assert.That((await _staff.GetAsync($"/products/{slug}/edit")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _staff.GetAsync($"/products/{slug}/delete")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Delete_asks_for_confirmation_first_and_deletes_on_the_confirming_post()
    {
        var product = await CreatePublishedProductAsync();

        var confirm = await _staff.GetAsync($"/products/{SlugOf(product)}/delete");
        Assert.That(confirm.Status, Is.EqualTo(HttpStatusCode.OK), confirm.Describe());
        Assert.That(confirm.VisibleText, Does.Contain(NameOf(product)));
        Assert.That(await FindBySlugAsync(SlugOf(product)), Is.Not.Null, "showing the confirmation deletes nothing");

        var answer = await _staff.SubmitAsync(confirm);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        Assert.That(await FindBySlugAsync(SlugOf(product)), Is.Null, "deleted");
        var next = await _staff.GetAsync(answer.LocationPathAndQuery!);
        Assert.That(next.Document.QuerySelector(".flash, [role=status]")?.TextContent, Is.Not.Empty, "a flash confirms the deletion");
        using var visitor = NewVisitor();
        Assert.That((await visitor.GetAsync($"/products/{SlugOf(product)}")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Every_post_form_on_the_staff_pages_carries_an_antiforgery_token()
    {
        var product = await CreateProductAsync();
        var category = await CreateCategoryAsync();
        using var scope = Assert.EnterMultipleScope(); // every page is checked, whichever fails first
        foreach (var url in new[]
                 {
                     "/", "/accounts/logout", "/products/new", $"/products/{SlugOf(product)}/edit", $"/products/{SlugOf(product)}/delete",
                     "/admin", "/admin/products", $"/admin/products/delete?ids={IdOf(product)}", "/admin/categories/new",
                     $"/admin/categories/{IdOf(category)}/edit", $"/admin/categories/{IdOf(category)}/delete", "/admin/tags/new",
                 })
        {
            var page = await _staff.GetAsync(url);
            Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
            var posts = page.Document.Forms.Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.That(posts, Is.Not.Empty, $"{url} has a POST form");
            foreach (var form in posts)
                Assert.That(form.QuerySelector($"input[name='{TokenField}']")?.GetAttribute("value"), Is.Not.Null.And.Not.Empty,
                    $"the form posting to “{form.GetAttribute("action")}” on {url} carries the token");
        }
    }
}
