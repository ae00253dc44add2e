using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;
using Shop.Application.Products;
using Shop.Application.Products.Queries;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Products;

namespace Shop.Application.UnitTests.Products;

public class ListProductsCursorTests
{
    private readonly InMemoryCatalogReadStore _store = new();

    private Task<PagedList<ProductListItemDto>> List(ListProducts request, ICurrentUser? user = null) =>
        new ListProductsHandler(_store, user ?? TestUser.Staff, TestMapper.Instance, TestCursors.Instance).Handle(request, CancellationToken.None);

    /// <summary>Ties on every key (price, name ignoring case, status, active, category, creation time), so only the id breaks them.</summary>
    private void CatalogWithTies()
    {
        var keyboards = A.Category("Keyboards", id: 1);
        var audio = A.Category("Audio", id: 2);
        var at = FixedClock.Now.AddDays(-3);
        for (var id = 1; id <= 17; id++)
        {
            var product = A.Product.WithId(id).Named(id % 5 == 0 ? "Same name" : $"Board {id % 7}").WithSlug($"p-{id}")
                .Priced(10 + id % 3).CreatedAt(at.AddMinutes(id % 4));
            if (id % 3 == 0) product.InCategory(keyboards);
            if (id % 3 == 1) product.InCategory(audio);
            if (id % 2 == 0) product.Published();
            if (id % 4 == 0) product.In(ProductStatus.Archived);
            if (id % 5 == 0 && id != 5) product.Inactive(); // "Same name" is unique among active products only
            _store.With(product);
        }
    }

    /// <summary>Every page of the list by following nextCursor from page 1.</summary>
    private async Task<List<int>> WalkByCursor(ListProducts first, ICurrentUser? user = null)
    {
        var ids = new List<int>();
        var page = await List(first, user);
        ids.AddRange(page.Items.Select(p => p.Id));
        for (var guard = 0; page.NextCursor is not null && guard < 100; guard++)
        {
            page = await List(new ListProducts(Cursor: page.NextCursor, PageSize: first.PageSize), user);
            ids.AddRange(page.Items.Select(p => p.Id));
        }
        return ids;
    }

    private async Task<List<int>> WalkByPage(ListProducts first, ICurrentUser? user = null)
    {
        var ids = new List<int>();
        for (var number = 1; ; number++)
        {
            var page = await List(first with { Page = number }, user);
            if (page.Items.Count == 0) return ids;
            ids.AddRange(page.Items.Select(p => p.Id));
        }
    }

    private static IEnumerable<string> EveryOrdering() => ListProducts.StaffOrderings;

    [TestCaseSource(nameof(EveryOrdering))]
    public async Task Following_cursors_lists_what_the_numbered_pages_list_in_every_ordering(string ordering)
    {
        CatalogWithTies();

        var byCursor = await WalkByCursor(new ListProducts(Ordering: ordering, PageSize: 3));

        Assert.That(byCursor, Is.EqualTo(await WalkByPage(new ListProducts(Ordering: ordering, PageSize: 3))));
        Assert.That(byCursor, Is.Unique.And.Count.EqualTo(17));
    }

    [TestCase(null)]
    [TestCase(20_000)]
    public async Task Relevance_ranked_search_continues_by_cursor_name_matches_first(int? totalAtScale)
    {
        // Many matches (a large remembered total) are read rank by rank, few in one sorted query: both resume alike.
        _store.TotalAtScale = totalAtScale;
        for (var id = 1; id <= 9; id++)
            _store.With(A.Product.WithId(id).Named(id % 2 == 0 ? $"Mx board {id}" : $"Plain {id}").Described("an mx board inside").Published());

        var byCursor = await WalkByCursor(new ListProducts(Search: "board mx", PageSize: 2), TestUser.Anonymous);

        Assert.That(byCursor, Is.EqualTo(new[] { 8, 6, 4, 2, 9, 7, 5, 3, 1 }));
    }

    [Test]
    public async Task A_cursor_made_by_one_query_continues_in_the_rank_by_rank_reading_and_back()
    {
        for (var id = 1; id <= 9; id++)
            _store.With(A.Product.WithId(id).Named(id % 2 == 0 ? $"Mx board {id}" : $"Plain {id}").Described("an mx board inside").Published());
        var ids = new List<int>();
        var page = await List(new ListProducts(Search: "mx", PageSize: 2));
        ids.AddRange(page.Items.Select(p => p.Id));
        foreach (var total in new int?[] { 20_000, null, 20_000, null })
        {
            _store.TotalAtScale = total;
            page = await List(new ListProducts(Cursor: page.NextCursor, PageSize: 2));
            ids.AddRange(page.Items.Select(p => p.Id));
        }

        Assert.That(ids, Is.EqualTo(new[] { 8, 6, 4, 2, 9, 7, 5, 3, 1 }));
        Assert.That(page.NextCursor, Is.Null);
    }

    [Test]
    public async Task Rows_added_or_removed_between_pages_are_neither_repeated_nor_skipped()
    {
        for (var id = 1; id <= 10; id++) _store.With(A.Product.WithId(id).Named($"P{id}").Priced(id));

        var first = await List(new ListProducts(Ordering: "price", PageSize: 4));
        _store.ProductList.RemoveAll(p => p.Id is 2 or 7); // one seen, one not yet
        _store.With(A.Product.WithId(11).Named("Cheap").Priced(0.5m), A.Product.WithId(12).Named("Dear").Priced(99));
        var second = await List(new ListProducts(Cursor: first.NextCursor, PageSize: 4));
        var third = await List(new ListProducts(Cursor: second.NextCursor, PageSize: 4));

        Assert.Multiple(() =>
        {
            Assert.That(first.Items.Select(p => p.Id), Is.EqualTo(new[] { 1, 2, 3, 4 }));
            Assert.That(second.Items.Select(p => p.Id), Is.EqualTo(new[] { 5, 6, 8, 9 }));
            Assert.That(third.Items.Select(p => p.Id), Is.EqualTo(new[] { 10, 12 }));
            Assert.That(third.NextCursor, Is.Null);
        });
    }

    [Test]
    public async Task A_cursor_page_is_numbered_by_the_rows_before_it_and_links_forward_only()
    {
        for (var id = 1; id <= 5; id++) _store.With(A.Product.WithId(id).Named($"P{id}"));

        var first = await List(new ListProducts(PageSize: 2));
        var second = await List(new ListProducts(Cursor: first.NextCursor, PageSize: 2));
        var last = await List(new ListProducts(Cursor: second.NextCursor, PageSize: 2));

        Assert.Multiple(() =>
        {
            Assert.That(first.NextCursor, Is.Not.Null);
            Assert.That((second.Page, second.TotalPages, second.HasNext, second.HasPrevious), Is.EqualTo((2, 3, true, false)));
            Assert.That((last.Page, last.Items.Count, last.HasNext, last.NextCursor), Is.EqualTo((3, 1, false, (string?)null)));
        });
    }

    [Test]
    public async Task An_empty_cursor_is_no_cursor()
    {
        for (var id = 1; id <= 3; id++) _store.With(A.Product.WithId(id).Named($"P{id}"));

        var page = await List(new ListProducts(Cursor: "", PageSize: 2));

        Assert.That((page.Page, page.Items.Count, page.ByCursor), Is.EqualTo((1, 2, false)));
    }

    [Test]
    public async Task A_full_last_page_has_no_next_cursor()
    {
        for (var id = 1; id <= 4; id++) _store.With(A.Product.WithId(id).Named($"P{id}"));

        var page = await List(new ListProducts(PageSize: 4));

        Assert.That(page.NextCursor, Is.Null);
    }

    [Test]
    public async Task A_cursor_keeps_its_filters_when_the_request_leaves_them_out_or_repeats_them()
    {
        for (var id = 1; id <= 6; id++) _store.With(A.Product.WithId(id).Named($"P{id}").Priced(id));
        var first = await List(new ListProducts(MinPrice: 3, Ordering: "-price", PageSize: 2));

        var bare = await List(new ListProducts(Cursor: first.NextCursor, PageSize: 2));
        var repeated = await List(new ListProducts(MinPrice: 3.00m, Ordering: "-price", Cursor: first.NextCursor, PageSize: 2));

        Assert.That(bare.Items.Select(p => p.Id), Is.EqualTo(new[] { 4, 3 }));
        Assert.That(repeated.Items.Select(p => p.Id), Is.EqualTo(new[] { 4, 3 }));
    }

    [TestCase("price", null, null)]
    [TestCase("-price", "other", null)]
    [TestCase("-price", null, 5)]
    public async Task A_cursor_sent_with_other_filters_or_ordering_is_a_400_keyed_cursor(string ordering, string? search, int? minPrice)
    {
        for (var id = 1; id <= 6; id++) _store.With(A.Product.WithId(id).Named($"P{id}").Priced(id));
        var first = await List(new ListProducts(MinPrice: 3, Ordering: "-price", PageSize: 2));

        var error = Assert.ThrowsAsync<ValidationException>(() =>
            List(new ListProducts(Ordering: ordering, Search: search, MinPrice: minPrice, Cursor: first.NextCursor)));

        Assert.That(error!.Errors.Keys, Is.EqualTo(new[] { "cursor" }));
    }

    [TestCase("not a cursor")]
    [TestCase("c2VhbGVkOnt9")] // sealed, but "{}" is no cursor
    [TestCase("c2VhbGVkOnsiU2NvcGUiOnt9LCJBZnRlciI6WyJ4Il0sIlBvc2l0aW9uIjowfQ==")] // sealed, a value that is no date
    public void A_cursor_the_shop_did_not_make_is_a_400_keyed_cursor(string cursor)
    {
        _store.With(A.Product.WithId(1).Named("P1"));

        var error = Assert.ThrowsAsync<ValidationException>(() => List(new ListProducts(Cursor: cursor)));

        Assert.That(error!.Errors.Keys, Is.EqualTo(new[] { "cursor" }));
    }

    [Test]
    public async Task An_altered_cursor_is_a_400_keyed_cursor()
    {
        for (var id = 1; id <= 3; id++) _store.With(A.Product.WithId(id).Named($"P{id}"));
        var cursor = (await List(new ListProducts(PageSize: 1))).NextCursor!;

        var error = Assert.ThrowsAsync<ValidationException>(() => List(new ListProducts(Cursor: "x" + cursor[1..])));

        Assert.That(error!.Errors.Keys, Is.EqualTo(new[] { "cursor" }));
    }
}
