using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Products;

public sealed class ProductListTests(string provider) : ApiTestBase(provider)
{
    [Test]
    public async Task List_answers_the_paging_envelope_with_absolute_next_and_previous_links()
    {
        var marker = Unique("env");
        for (var i = 0; i < 3; i++) await CreatePublishedProductAsync(ProductBody($"{marker} {i}"));

        var first = await ListAsync($"/api/products?search={marker}&pageSize=2");
        Assert.Multiple(() =>
        {
            Assert.That(first["items"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(first["page"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(first["pageSize"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(first["totalCount"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(first["totalPages"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(first.ContainsKey("previous") && first["previous"] is null, Is.True, "previous is null on page 1");
        });
        var next = first["next"]!.GetValue<string>();
        Assert.That(Uri.TryCreate(next, UriKind.Absolute, out var nextUri), Is.True, next);
        Assert.That(nextUri!.Query, Does.Contain("page=2").And.Contain($"search={marker}").And.Contain("pageSize=2"));

        var second = await ListAsync(next);
        Assert.Multiple(() =>
        {
            Assert.That(second["items"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(second["page"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(second.ContainsKey("next") && second["next"] is null, Is.True, "next is null on the last page");
            Assert.That(Uri.TryCreate(second["previous"]?.GetValue<string>(), UriKind.Absolute, out var previous), Is.True);
            Assert.That(previous!.Query, Does.Contain("page=1"));
            Assert.That(Ids(first).Concat(Ids(second)).Distinct().Count(), Is.EqualTo(3), "the two pages hold all three products once");
        });
    }

    [Test]
    public async Task List_defaults_to_page_1_of_20()
    {
        var page = await ListAsync("/api/products");
        Assert.Multiple(() =>
        {
            Assert.That(page["page"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(page["pageSize"]!.GetValue<int>(), Is.EqualTo(20));
        });
    }

    [Test]
    public async Task PageSize_100_is_allowed()
    {
        var page = await ListAsync("/api/products?pageSize=100");
        Assert.That(page["pageSize"]!.GetValue<int>(), Is.EqualTo(100));
    }

    [Test]
    public async Task Page_past_the_end_answers_200_with_empty_items()
    {
        var marker = Unique("past");
        await CreatePublishedProductAsync(ProductBody(marker));

        var page = await ListAsync($"/api/products?search={marker}&page=5");

        Assert.Multiple(() =>
        {
            Assert.That(page["items"]!.AsArray(), Is.Empty);
            Assert.That(page["totalCount"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(page["page"]!.GetValue<int>(), Is.EqualTo(5));
        });
    }

    [TestCase("page=0", "page")]
    [TestCase("page=-1", "page")]
    [TestCase("pageSize=0", "pageSize")]
    [TestCase("pageSize=101", "pageSize")]
    [TestCase("page=abc", "page")]
    [TestCase("page=", "page")]
    [TestCase("pageSize=", "pageSize")]
    public async Task Paging_values_out_of_range_are_400(string query, string field)
    {
        using var response = await GetAsync($"/api/products?{query}");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [TestCase("ordering=price_desc", "ordering")]
    [TestCase("ordering=id", "ordering")]
    [TestCase("ordering=status", "ordering")]
    [TestCase("ordering=-category", "ordering")]
    [TestCase("status=deleted", "status")]
    [TestCase("minPrice=abc", "minPrice")]
    [TestCase("maxPrice=abc", "maxPrice")]
    [TestCase("minPrice=-1", "minPrice")]
    [TestCase("isActive=maybe", "isActive")]
    public async Task Bad_filter_values_are_400(string query, string field)
    {
        using var response = await GetAsync($"/api/products?{query}");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task Anonymous_and_ordinary_users_see_only_active_published_products_staff_sees_all()
    {
        var marker = Unique("vis");
        var visible = await CreatePublishedProductAsync(ProductBody($"{marker} published"));
        var draft = await CreateProductAsync(ProductBody($"{marker} draft"));
        var inactive = ProductBody($"{marker} inactive");
        inactive["isActive"] = false;
        var inactivePublished = await CreatePublishedProductAsync(inactive);
        var archived = ProductBody($"{marker} archived");
        archived["status"] = "archived";
        var archivedProduct = await CreateProductAsync(archived);

        var anonymous = await ListAsync($"/api/products?search={marker}");
        var user = await ListAsync($"/api/products?search={marker}", UserToken);
        var staff = await ListAsync($"/api/products?search={marker}", StaffToken);

        Assert.Multiple(() =>
        {
            Assert.That(Ids(anonymous), Is.EqualTo(new[] { IdOf(visible) }));
            Assert.That(anonymous["totalCount"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(Ids(user), Is.EqualTo(new[] { IdOf(visible) }));
            Assert.That(Ids(staff), Is.EquivalentTo(new[] { IdOf(visible), IdOf(draft), IdOf(inactivePublished), IdOf(archivedProduct) }));
        });
    }

    [Test]
    public async Task Status_and_isActive_filters_narrow_for_anonymous_but_never_widen()
    {
        var marker = Unique("narrow");
        var published = await CreatePublishedProductAsync(ProductBody($"{marker} published"));
        var draft = await CreateProductAsync(ProductBody($"{marker} draft"));
        var inactive = ProductBody($"{marker} inactive");
        inactive["isActive"] = false;
        var inactivePublished = await CreatePublishedProductAsync(inactive);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(Ids(await ListAsync($"/api/products?search={marker}&status=draft")), Is.Empty);
            Assert.That(Ids(await ListAsync($"/api/products?search={marker}&isActive=false")), Is.Empty);
            Assert.That(Ids(await ListAsync($"/api/products?search={marker}&status=draft", UserToken)), Is.Empty);
            Assert.That(Ids(await ListAsync($"/api/products?search={marker}&status=published")), Is.EqualTo(new[] { IdOf(published) }));
            Assert.That(Ids(await ListAsync($"/api/products?search={marker}&status=archived")), Is.Empty);
            Assert.That(Ids(await ListAsync($"/api/products?search={marker}&isActive=true")), Is.EqualTo(new[] { IdOf(published) }));
            Assert.That(Ids(await ListAsync($"/api/products?search={marker}&status=draft", StaffToken)), Is.EqualTo(new[] { IdOf(draft) }));
            Assert.That(Ids(await ListAsync($"/api/products?search={marker}&isActive=false", StaffToken)), Is.EqualTo(new[] { IdOf(inactivePublished) }));
        });
    }

    [Test]
    public async Task Search_is_case_insensitive_and_matches_name_or_description()
    {
        var marker = Unique("srch");
        var byName = await CreatePublishedProductAsync(ProductBody($"Zebra {marker}"));
        var withDescription = ProductBody($"Other {Guid.NewGuid():N}");
        withDescription["description"] = $"Has a zebra{marker} pattern.";
        var byDescription = await CreatePublishedProductAsync(withDescription);
        await CreatePublishedProductAsync(ProductBody($"Unrelated {marker[..6]}"));

        var page = await ListAsync($"/api/products?search={marker.ToUpperInvariant()}");

        Assert.That(Ids(page), Is.EquivalentTo(new[] { IdOf(byName), IdOf(byDescription) }));
    }

    [Test]
    public async Task Search_finds_all_words_in_any_order_ignoring_case_and_accents()
    {
        var marker = Unique("w");
        var board = await CreatePublishedProductAsync(ProductBody($"MX Board {marker}"));
        var cafe = await CreatePublishedProductAsync(ProductBody($"Café Crème {marker}"));
        await CreatePublishedProductAsync(ProductBody($"MX Mouse {marker}"));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(Ids(await ListAsync($"/api/products?search=board%20mx%20{marker}")), Is.EqualTo(new[] { IdOf(board) }), "word order");
            Assert.That(Ids(await ListAsync($"/api/products?search=BOARD%20{marker.ToUpperInvariant()}")), Is.EqualTo(new[] { IdOf(board) }), "case");
            Assert.That(Ids(await ListAsync($"/api/products?search=cafe%20creme%20{marker}")), Is.EqualTo(new[] { IdOf(cafe) }), "accents in the name");
            Assert.That(Ids(await ListAsync($"/api/products?search={Uri.EscapeDataString("CAFÉ")}%20{marker}")), Is.EqualTo(new[] { IdOf(cafe) }), "accents in the search");
            Assert.That(Ids(await ListAsync($"/api/products?search=board%20mouse%20{marker}")), Is.Empty, "every word must match");
        });
    }

    [Test]
    public async Task Search_words_may_be_split_between_name_and_description_and_short_words_count()
    {
        var marker = Unique("split");
        var body = ProductBody($"Desk lamp {marker}");
        body["description"] = "Warm LED, 5 W.";
        var lamp = await CreatePublishedProductAsync(body);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(Ids(await ListAsync($"/api/products?search=led%20{marker}%20lamp")), Is.EqualTo(new[] { IdOf(lamp) }));
            Assert.That(Ids(await ListAsync($"/api/products?search=w%20{marker}")), Is.EqualTo(new[] { IdOf(lamp) }), "a one-letter word");
            Assert.That(Ids(await ListAsync($"/api/products?search=5%20w.%20{marker}")), Is.EqualTo(new[] { IdOf(lamp) }), "short words with punctuation");
            Assert.That(Ids(await ListAsync($"/api/products?search=q%20{marker}")), Is.Empty, "a short word that is absent");
        });
    }

    [Test]
    public async Task Search_ranks_name_matches_above_description_only_matches_unless_an_ordering_is_given()
    {
        var marker = Unique("rank");
        var byName = await CreatePublishedProductAsync(ProductBody($"Lamp {marker}"));
        var described = ProductBody($"Other {Guid.NewGuid():N}");
        described["description"] = $"A {marker} inside.";
        var byDescription = await CreatePublishedProductAsync(described); // newer, so first by the default -createdAt

        var relevance = await ListAsync($"/api/products?search={marker}");
        var byDate = await ListAsync($"/api/products?search={marker}&ordering=-createdAt");
        var second = await ListAsync($"/api/products?search={marker}&pageSize=1&page=2");
        var third = await ListAsync($"/api/products?search={marker}&pageSize=1&page=3");

        Assert.Multiple(() =>
        {
            Assert.That(Ids(relevance), Is.EqualTo(new[] { IdOf(byName), IdOf(byDescription) }), "the name match first");
            Assert.That(Ids(byDate), Is.EqualTo(new[] { IdOf(byDescription), IdOf(byName) }), "an explicit ordering wins");
            Assert.That(Ids(second), Is.EqualTo(new[] { IdOf(byDescription) }), "paging goes on from the name matches into the others");
            Assert.That(Ids(third), Is.Empty, "past the end");
            Assert.That(second["totalCount"]!.GetValue<int>(), Is.EqualTo(2));
        });
    }

    [TestCase("%")]
    [TestCase("_")]
    [TestCase("\\")]
    public async Task Search_takes_like_wildcards_literally(string wildcard)
    {
        var marker = Unique("lit");
        var literal = await CreatePublishedProductAsync(ProductBody($"{marker}a{wildcard}b"));
        await CreatePublishedProductAsync(ProductBody($"{marker}axxb"));
        await CreatePublishedProductAsync(ProductBody($"{marker}axb"));

        var page = await ListAsync($"/api/products?search={Uri.EscapeDataString($"{marker}a{wildcard}b")}");

        Assert.That(Ids(page), Is.EqualTo(new[] { IdOf(literal) }));
    }

    [Test]
    public async Task Category_filter_takes_a_category_slug()
    {
        var marker = Unique("cat");
        var category = await CreateCategoryAsync();
        var inCategory = ProductBody($"{marker} in");
        inCategory["categoryId"] = IdOf(category);
        var expected = await CreatePublishedProductAsync(inCategory);
        await CreatePublishedProductAsync(ProductBody($"{marker} out"));

        var page = await ListAsync($"/api/products?search={marker}&category={category["slug"]}");

        Assert.That(Ids(page), Is.EqualTo(new[] { IdOf(expected) }));
    }

    [Test]
    public async Task Tag_filter_takes_a_tag_slug()
    {
        var marker = Unique("tag");
        var tag = await CreateTagAsync();
        var tagged = ProductBody($"{marker} tagged");
        tagged["tags"] = new JsonArray(new JsonObject { ["slug"] = tag["slug"]!.GetValue<string>(), ["weight"] = 1 });
        var expected = await CreatePublishedProductAsync(tagged);
        await CreatePublishedProductAsync(ProductBody($"{marker} plain"));

        var page = await ListAsync($"/api/products?search={marker}&tag={tag["slug"]}");

        Assert.That(Ids(page), Is.EqualTo(new[] { IdOf(expected) }));
    }

    [Test]
    public async Task Min_and_max_price_filter_inclusively()
    {
        var marker = Unique("price");
        var cheap = await CreatePublishedProductAsync(ProductBody($"{marker} cheap", 5m));
        var middle = await CreatePublishedProductAsync(ProductBody($"{marker} middle", 10.5m));
        var dear = await CreatePublishedProductAsync(ProductBody($"{marker} dear", 15m));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(Ids(await ListAsync($"/api/products?search={marker}&minPrice=10.5")), Is.EquivalentTo(new[] { IdOf(middle), IdOf(dear) }));
            Assert.That(Ids(await ListAsync($"/api/products?search={marker}&maxPrice=10.5")), Is.EquivalentTo(new[] { IdOf(cheap), IdOf(middle) }));
            Assert.That(Ids(await ListAsync($"/api/products?search={marker}&minPrice=6&maxPrice=14")), Is.EqualTo(new[] { IdOf(middle) }));
        });
    }

    [TestCase(null)]
    [TestCase("name")]
    [TestCase("-name")]
    [TestCase("price")]
    [TestCase("-price")]
    [TestCase("createdAt")]
    [TestCase("-createdAt")]
    public async Task Each_ordering_sorts_and_breaks_ties_by_descending_id(string? ordering)
    {
        var marker = Unique("ord");
        // Equal names are possible among inactive products only; equal prices anywhere.
        var bodies = new[]
        {
            (Name: $"b {marker}", Price: 20m, Active: true),
            (Name: $"a {marker}", Price: 10m, Active: false),
            (Name: $"a {marker}", Price: 10m, Active: false),
            (Name: $"c {marker}", Price: 20m, Active: true),
            (Name: $"d {marker}", Price: 10m, Active: true),
        };
        var created = new List<JsonObject>();
        foreach (var (name, price, active) in bodies)
        {
            var body = ProductBody(name, price);
            body["isActive"] = active;
            created.Add(await CreateProductAsync(body));
        }

        var page = await ListAsync($"/api/products?search={marker}{(ordering is null ? "" : $"&ordering={ordering}")}", StaffToken);

        var expected = Sort(created, ordering ?? "-createdAt").Select(IdOf).ToList();
        Assert.That(Ids(page), Is.EqualTo(expected), $"ordering={ordering}");
    }

    private static IEnumerable<JsonObject> Sort(IEnumerable<JsonObject> products, string ordering)
    {
        var descending = ordering.StartsWith('-');
        Func<JsonObject, IComparable> key = ordering.TrimStart('-') switch
        {
            "name" => p => p["name"]!.GetValue<string>().ToUpperInvariant(),
            "price" => p => decimal.Parse(p["price"]!.ToJsonString(), CultureInfo.InvariantCulture),
            _ => p => DateTime.Parse(p["createdAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        };
        var sorted = descending ? products.OrderByDescending(key) : products.OrderBy(key);
        return sorted.ThenByDescending(IdOf);
    }
}
