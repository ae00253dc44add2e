using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages.Admin;

/// <summary>
/// <c>/admin/products</c>: a table (name, price, status, active, category, created), filters <c>q</c>, <c>status</c>,
/// <c>active</c>, <c>category</c>, <c>from</c>/<c>to</c>, sorting by column links, paging, and bulk actions
/// (publish, archive, activate, deactivate, delete after a confirmation page).
/// </summary>
public sealed class AdminProductsPageTests(string provider) : PageTestBase(provider)
{
    private PageClient _staff = null!;

    [OneTimeSetUp]
    public async Task SignInStaffAsync() => _staff = await SignedInAsync(staff: true);

    [OneTimeTearDown]
    public void DisposeStaff() => _staff?.Dispose();

    private async Task<PageAnswer> OpenAsync(string url)
    {
        var page = await _staff.GetAsync(url);
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        return page;
    }

    /// <summary>The product ids of the rows, in order, read from their <c>ids</c> checkboxes.</summary>
    private static List<int> RowIds(PageAnswer page) =>
        page.Document.QuerySelectorAll("table input[type=checkbox][name=ids]")
            .Select(c => int.Parse(c.GetAttribute("value")!, CultureInfo.InvariantCulture))
            .ToList();

    private static string Id(JsonObject product) => IdOf(product).ToString(CultureInfo.InvariantCulture);

    private async Task<List<int>> ListedIdsAsync(string query) => RowIds(await OpenAsync("/admin/products?" + query));

    private static IHtmlFormElement BulkForm(PageAnswer page)
    {
        var form = page.Document.Forms.FirstOrDefault(f => (f.GetAttribute("action") ?? "").Equals("/admin/products?handler=Bulk", StringComparison.OrdinalIgnoreCase));
        Assert.That(form, Is.Not.Null, "a form posting to /admin/products?handler=Bulk");
        return form!;
    }

    /// <summary>Checks the rows of <paramref name="products"/>, chooses <paramref name="action"/> and presses Apply.</summary>
    private async Task<PageAnswer> ApplyAsync(string action, params JsonObject[] products)
    {
        var word = Word();
        var page = await OpenAsync("/admin/products?sort=-createdAt");
        var form = BulkForm(page);
        foreach (var box in form.QuerySelectorAll("input[type=checkbox][name=ids]").Cast<IHtmlInputElement>())
            box.IsChecked = products.Any(p => Id(p) == box.Value);
        Assert.That(form.QuerySelectorAll("input[name=ids]:checked").Length, Is.EqualTo(products.Length), $"the rows are on the first page ({word})");
        return await _staff.SubmitAsync(page, f => f.Set("action", action), form);
    }

    private async Task<JsonObject> StaffProductAsync(JsonObject product) => await GetProductAsStaffAsync(IdOf(product));

    [Test]
    public async Task List_has_columns_name_price_status_active_category_created_and_a_checkbox_per_row()
    {
        var category = await CreateCategoryAsync();
        var product = await CreateProductAsync(new JsonObject { ["name"] = Unique("Cols "), ["price"] = 12.5, ["categoryId"] = IdOf(category) });

        var page = await OpenAsync($"/admin/products?q={Uri.EscapeDataString(NameOf(product))}");

        var headers = page.Document.QuerySelectorAll("table thead th").Select(h => h.TextContent.Trim().ToLowerInvariant()).ToList();
        foreach (var column in new[] { "name", "price", "status", "active", "category", "created" })
            Assert.That(headers, Has.Some.StartsWith(column), $"a {column} column in {string.Join(" | ", headers)}");
        Assert.That(RowIds(page), Is.EqualTo(new[] { IdOf(product) }));
        var row = page.Document.QuerySelector($"table input[name=ids][value='{Id(product)}']")!.Closest("tr")!;
        var text = row.TextContent;
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain(NameOf(product)));
            Assert.That(text, Does.Contain("12.50").Or.Contain("12.5"));
            Assert.That(text, Does.Contain("draft").IgnoreCase);
            Assert.That(text, Does.Contain(category["name"]!.GetValue<string>()));
            Assert.That(text, Does.Contain(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Or.Contain(DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public async Task Rows_link_to_the_product_edit_form_and_the_page_links_to_the_new_product_form()
    {
        var product = await CreateProductAsync();
        var page = await OpenAsync($"/admin/products?q={Uri.EscapeDataString(NameOf(product))}");
        var links = page.Document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.That(links, Does.Contain($"/products/{SlugOf(product)}/edit"));
        Assert.That(links, Does.Contain("/products/new"));
    }

    [Test]
    public async Task Search_q_matches_name_or_description_case_insensitively()
    {
        var word = Word();
        var byName = await CreateProductAsync(new JsonObject { ["name"] = $"{Unique("N ")} {word.ToUpperInvariant()}", ["price"] = 1 });
        var byDescription = await CreateProductAsync(new JsonObject { ["name"] = Unique("D "), ["price"] = 1, ["description"] = $"about {word}" });
        await CreateProductAsync();
        Assert.That(await ListedIdsAsync($"q={word}"), Is.EquivalentTo(new[] { IdOf(byName), IdOf(byDescription) }));
    }

    [Test]
    public async Task Status_active_and_category_filters_narrow_the_list()
    {
        var word = Word();
        var category = await CreateCategoryAsync();
        var draft = await CreateProductAsync(new JsonObject { ["name"] = $"{Unique("A ")} {word}", ["price"] = 1 });
        var published = await CreateProductAsync(new JsonObject { ["name"] = $"{Unique("B ")} {word}", ["price"] = 1, ["status"] = "published", ["categoryId"] = IdOf(category) });
        var archived = await CreateProductAsync(new JsonObject { ["name"] = $"{Unique("C ")} {word}", ["price"] = 1, ["status"] = "archived" });
        var inactive = await CreateProductAsync(new JsonObject { ["name"] = $"{Unique("D ")} {word}", ["price"] = 1, ["isActive"] = false, ["categoryId"] = IdOf(category) });

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await ListedIdsAsync($"q={word}"), Is.EquivalentTo(new[] { IdOf(draft), IdOf(published), IdOf(archived), IdOf(inactive) }));
            Assert.That(await ListedIdsAsync($"q={word}&status=draft"), Is.EquivalentTo(new[] { IdOf(draft), IdOf(inactive) }));
            Assert.That(await ListedIdsAsync($"q={word}&status=published"), Is.EquivalentTo(new[] { IdOf(published) }));
            Assert.That(await ListedIdsAsync($"q={word}&status=archived"), Is.EquivalentTo(new[] { IdOf(archived) }));
            Assert.That(await ListedIdsAsync($"q={word}&active=false"), Is.EquivalentTo(new[] { IdOf(inactive) }));
            Assert.That(await ListedIdsAsync($"q={word}&active=true"), Is.EquivalentTo(new[] { IdOf(draft), IdOf(published), IdOf(archived) }));
            Assert.That(await ListedIdsAsync($"category={category["slug"]}"), Is.EquivalentTo(new[] { IdOf(published), IdOf(inactive) }));
            Assert.That(await ListedIdsAsync($"q={word}&status=draft&active=false&category={category["slug"]}"), Is.EquivalentTo(new[] { IdOf(inactive) }));
        });
    }

    [Test]
    public async Task Created_date_filters_from_and_to_include_their_days()
    {
        var word = Word();
        var product = await CreateProductAsync(new JsonObject { ["name"] = $"{Unique("Day ")} {word}", ["price"] = 1 });
        var created = DateOnly.FromDateTime(DateTime.Parse(product["createdAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        string Day(int offset) => created.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await ListedIdsAsync($"q={word}&from={Day(0)}&to={Day(0)}"), Is.EqualTo(new[] { IdOf(product) }), "from and to are inclusive");
            Assert.That(await ListedIdsAsync($"q={word}&from={Day(-1)}"), Is.EqualTo(new[] { IdOf(product) }));
            Assert.That(await ListedIdsAsync($"q={word}&to={Day(1)}"), Is.EqualTo(new[] { IdOf(product) }));
            Assert.That(await ListedIdsAsync($"q={word}&from={Day(1)}"), Is.Empty, "created before from");
            Assert.That(await ListedIdsAsync($"q={word}&to={Day(-1)}"), Is.Empty, "created after to");
        });
    }

    [TestCase("name")]
    [TestCase("-name")]
    [TestCase("price")]
    [TestCase("-price")]
    [TestCase("createdAt")]
    [TestCase("-createdAt")]
    public async Task Sort_orders_the_rows(string sort)
    {
        var word = Word();
        var made = new List<JsonObject>();
        foreach (var (letter, price) in new[] { ("b", 30m), ("c", 10m), ("a", 20m) })
            made.Add(await CreateProductAsync(new JsonObject { ["name"] = $"{word} {letter} {Unique()}", ["price"] = price }));

        var ids = await ListedIdsAsync($"q={word}&sort={sort}");

        IEnumerable<JsonObject> expected = sort.TrimStart('-') switch
        {
            "name" => made.OrderBy(p => NameOf(p), StringComparer.Ordinal),
            "price" => made.OrderBy(p => p["price"]!.GetValue<decimal>()),
            _ => made.OrderBy(IdOf),
        };
        if (sort.StartsWith('-')) expected = expected.Reverse();
        Assert.That(ids, Is.EqualTo(expected.Select(IdOf)));
    }

    [TestCase("status")]
    [TestCase("-status")]
    [TestCase("isActive")]
    [TestCase("-isActive")]
    [TestCase("category")]
    [TestCase("-category")]
    public async Task Sort_by_status_active_or_category_orders_the_rows_both_ways_with_ties_by_newest_id(string sort)
    {
        var word = Word();
        var later = await CreateCategoryAsync(Unique("B cat "));
        var earlier = await CreateCategoryAsync(Unique("A cat "));
        var made = new List<(int Id, string Status, bool Active, string? Category)>();
        foreach (var (status, active, category) in new (string, bool, JsonObject?)[]
                 {
                     ("published", true, later), ("draft", false, null), ("archived", true, earlier), ("draft", true, later),
                     ("published", false, null), ("archived", false, earlier), ("draft", true, earlier),
                 })
        {
            var body = new JsonObject { ["name"] = $"{word} {Unique()}", ["price"] = 1, ["status"] = status, ["isActive"] = active };
            if (category is not null) body["categoryId"] = IdOf(category);
            made.Add((IdOf(await CreateProductAsync(body)), status, active, category?["name"]!.GetValue<string>()));
        }

        var ids = await ListedIdsAsync($"q={word}&sort={sort}");

        // As the column reads: status names alphabetically, "no" before "yes", category names with "—" (none) last.
        Func<(int Id, string Status, bool Active, string? Category), string> key = sort.TrimStart('-') switch
        {
            "status" => p => p.Status,
            "isActive" => p => p.Active ? "1" : "0",
            _ => p => p.Category is null ? "\uFFFF" : p.Category,
        };
        var expected = (sort.StartsWith('-') ? made.OrderByDescending(key, StringComparer.Ordinal) : made.OrderBy(key, StringComparer.Ordinal))
            .ThenByDescending(p => p.Id).Select(p => p.Id);
        Assert.That(ids, Is.EqualTo(expected));
    }

    [Test]
    public async Task Every_column_header_sorts_ascending_then_descending()
    {
        foreach (var field in new[] { "name", "price", "status", "isActive", "category", "createdAt" })
        {
            var unsorted = await OpenAsync("/admin/products");
            var ascending = await OpenAsync($"/admin/products?sort={field}");
            var descending = await OpenAsync($"/admin/products?sort=-{field}");
            Assert.Multiple(() =>
            {
                Assert.That(SortLinks(unsorted), Has.Some.EndsWith($"sort={field}"), field);
                Assert.That(SortLinks(ascending), Has.Some.EndsWith($"sort=-{field}"), $"{field} sorted ascending links to descending");
                Assert.That(SortLinks(descending), Has.Some.EndsWith($"sort={field}"), $"{field} sorted descending links to ascending");
            });
        }

        static List<string> SortLinks(PageAnswer page) =>
            page.Document.QuerySelectorAll("table thead th a[href]").Select(a => a.GetAttribute("href")!).ToList();
    }

    [TestCase("bogus")]
    [TestCase("-")]
    [TestCase("--name")]
    [TestCase("Status")]
    [TestCase("id")]
    [TestCase("status'; --")]
    [TestCase("caf\u00e9")]
    public async Task An_unknown_sort_value_lists_in_the_default_order_instead_of_failing(string sort)
    {
        var word = Word();
        var first = IdOf(await CreateProductAsync(new JsonObject { ["name"] = $"{word} {Unique()}", ["price"] = 1 }));
        var second = IdOf(await CreateProductAsync(new JsonObject { ["name"] = $"{word} {Unique()}", ["price"] = 1 }));

        var ids = await ListedIdsAsync($"q={word}&sort={Uri.EscapeDataString(sort)}");

        Assert.That(ids, Is.EqualTo(new[] { second, first }), "newest first");
    }

    [Test]
    public async Task Column_headers_are_links_that_sort_and_keep_the_filters()
    {
        var page = await OpenAsync("/admin/products?q=abc&status=draft");
        var sortLinks = page.Document.QuerySelectorAll("table thead th a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.That(sortLinks, Has.Some.Contains("sort=name").And.Some.Contains("sort=price").And.Some.Contains("sort=createdAt"));
        Assert.That(sortLinks, Has.All.Contains("q=abc").And.All.Contains("status=draft"), "sorting keeps the filters");

        var sortedByName = await OpenAsync("/admin/products?sort=name");
        var nameLink = sortedByName.Document.QuerySelectorAll("table thead th a[href]").Select(a => a.GetAttribute("href")!).First(h => h.Contains("name", StringComparison.Ordinal));
        Assert.That(nameLink, Does.Contain("sort=-name"), "the sorted column's link reverses the order");
    }

    [Test]
    public async Task Paging_shows_every_product_once_across_the_pages()
    {
        var word = Word();
        var made = new List<int>();
        for (var i = 0; i < 25; i++) made.Add(IdOf(await CreateProductAsync(new JsonObject { ["name"] = $"{word} {i:00} {Unique()}", ["price"] = 1 })));

        var seen = new List<int>();
        for (var page = 1; page <= 26 && seen.Count < made.Count; page++)
        {
            var ids = await ListedIdsAsync($"q={word}&sort=name&page={page}");
            if (ids.Count == 0) break;
            seen.AddRange(ids);
        }
        Assert.That(seen, Is.EquivalentTo(made));
        Assert.That(await ListedIdsAsync($"q={word}&sort=name&page=1"), Has.Count.LessThan(25), "more than one page");
        var first = await OpenAsync($"/admin/products?q={word}&sort=name");
        var next = first.Document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).FirstOrDefault(h => h.Contains("page=2", StringComparison.Ordinal));
        Assert.That(next, Is.Not.Null.And.Contains($"q={word}").And.Contains("sort=name"), "a link to page 2 that keeps the search and sort");
    }

    [Test]
    public async Task Bulk_form_offers_the_five_actions_and_an_apply_button()
    {
        var page = await OpenAsync("/admin/products");
        var form = BulkForm(page);
        Assert.That(form.Method, Is.EqualTo("post").IgnoreCase);
        var options = form.QuerySelectorAll("select[name=action] option").Select(o => o.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v));
        Assert.That(options, Is.SupersetOf(new[] { "publish", "archive", "activate", "deactivate", "delete" }));
        Assert.That(form.QuerySelectorAll("button, input[type=submit]").Select(b => (b.TextContent + b.GetAttribute("value")).Trim()), Has.Some.EqualTo("Apply"));
    }

    [Test]
    public async Task Bulk_publish_publishes_the_checked_products_only_and_redirects_with_a_flash()
    {
        var a = await CreateProductAsync();
        var b = await CreateProductAsync();
        var untouched = await CreateProductAsync();

        var answer = await ApplyAsync("publish", a, b);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        Assert.That(answer.LocationPathAndQuery, Does.StartWith("/admin/products"));
        var back = await OpenAsync(answer.LocationPathAndQuery!);
        Assert.That(back.Document.QuerySelector(".flash, [role=status]")?.TextContent, Is.Not.Null.And.Not.Empty, "a flash reports the outcome");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await StaffProductAsync(a))["status"]!.GetValue<string>(), Is.EqualTo("published"));
            Assert.That((await StaffProductAsync(b))["status"]!.GetValue<string>(), Is.EqualTo("published"));
            Assert.That((await StaffProductAsync(untouched))["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        });
    }

    [Test]
    public async Task Bulk_archive_deactivate_and_activate_change_the_checked_products()
    {
        var product = await CreatePublishedProductAsync();

        Assert.That((await ApplyAsync("archive", product)).Status, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await StaffProductAsync(product))["status"]!.GetValue<string>(), Is.EqualTo("archived"));

        Assert.That((await ApplyAsync("deactivate", product)).Status, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await StaffProductAsync(product))["isActive"]!.GetValue<bool>(), Is.False);

        Assert.That((await ApplyAsync("activate", product)).Status, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await StaffProductAsync(product))["isActive"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Bulk_publish_of_an_archived_product_is_skipped_and_says_so()
    {
        var archived = await CreateProductAsync(new JsonObject { ["name"] = Unique("Arch "), ["price"] = 1, ["status"] = "archived" });
        var answer = await ApplyAsync("publish", archived);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        var back = await OpenAsync(answer.LocationPathAndQuery!);
        Assert.That((await StaffProductAsync(archived))["status"]!.GetValue<string>(), Is.EqualTo("archived"), "archived → published is not an allowed move");
        Assert.That(back.Document.QuerySelector(".flash, .error, [role=status], [role=alert]")?.TextContent ?? "", Does.Contain(NameOf(archived)).Or.Contain("kipped").Or.Contain("0 "),
            "the page says the product was not published");
    }

    [Test]
    public async Task Bulk_delete_asks_for_confirmation_on_its_own_page_and_deletes_on_its_post()
    {
        var a = await CreateProductAsync();
        var b = await CreatePublishedProductAsync();

        var answer = await ApplyAsync("delete", a, b);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        var location = answer.LocationPathAndQuery!;
        Assert.That(location, Does.StartWith("/admin/products/delete?"));
        Assert.That(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location[location.IndexOf('?', StringComparison.Ordinal)..])["ids"].ToArray(),
            Is.EquivalentTo(new[] { Id(a), Id(b) }));
        var confirm = await OpenAsync(location);
        Assert.That(confirm.VisibleText, Does.Contain(NameOf(a)).And.Contain(NameOf(b)), "the confirmation lists what will be deleted");
        Assert.That((await StaffProductAsync(a))["id"], Is.Not.Null, "nothing deleted before confirming");

        var done = await _staff.SubmitAsync(confirm);

        Assert.That(done.Status, Is.EqualTo(HttpStatusCode.Redirect), done.Describe());
        foreach (var product in new[] { a, b })
        {
            using var response = await GetAsync($"/api/products/{IdOf(product)}", StaffToken);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task Delete_confirmation_page_opened_directly_by_ids_lists_them()
    {
        var a = await CreateProductAsync();
        var b = await CreateProductAsync();
        var page = await OpenAsync($"/admin/products/delete?ids={IdOf(a)}&ids={IdOf(b)}");
        Assert.That(page.VisibleText, Does.Contain(NameOf(a)).And.Contain(NameOf(b)));
        Assert.That(MainPostForm(page.Document), Is.Not.Null);
    }

    [Test]
    public async Task Bulk_action_without_a_checked_row_changes_nothing_and_says_why()
    {
        var product = await CreateProductAsync();
        var answer = await ApplyAsync("publish");
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect).Or.EqualTo(HttpStatusCode.OK), answer.Describe());
        var back = answer.Status == HttpStatusCode.Redirect ? await OpenAsync(answer.LocationPathAndQuery!) : answer;
        Assert.That(back.Document.QuerySelector(".flash, .error, [role=status], [role=alert]")?.TextContent, Is.Not.Null.And.Not.Empty);
        Assert.That((await StaffProductAsync(product))["status"]!.GetValue<string>(), Is.EqualTo("draft"));
    }

    [Test]
    public async Task Filter_form_shows_the_filters_asked_for()
    {
        var category = await CreateCategoryAsync();
        var page = await OpenAsync($"/admin/products?q=abc&status=archived&active=false&category={category["slug"]}&from=2026-01-02&to=2026-03-04");
        var filter = page.Document.Forms.First(f => !string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase));
        string? Value(string name) => filter.Elements.OfType<IElement>().FirstOrDefault(e => e.GetAttribute("name") == name) switch
        {
            IHtmlInputElement i => i.Value,
            IHtmlSelectElement s => s.Value,
            _ => null,
        };
        Assert.Multiple(() =>
        {
            Assert.That(Value("q"), Is.EqualTo("abc"));
            Assert.That(Value("status"), Is.EqualTo("archived"));
            Assert.That(Value("active"), Is.EqualTo("false"));
            Assert.That(Value("category"), Is.EqualTo(category["slug"]!.GetValue<string>()));
            Assert.That(Value("from"), Is.EqualTo("2026-01-02"));
            Assert.That(Value("to"), Is.EqualTo("2026-03-04"));
        });
    }
}
