using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Products.Queries;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Products;

namespace Shop.Application.UnitTests.Products;

public class ListProductsHandlerTests
{
    private readonly InMemoryCatalogReadStore _store = new();

    private async Task<int[]> IdsListed(ListProducts request, ICurrentUser? user = null) =>
        (await new ListProductsHandler(_store, user ?? TestUser.Staff, TestMapper.Instance, TestCursors.Instance).Handle(request, CancellationToken.None))
        .Items.Select(p => p.Id).ToArray();

    private void OneOfEachVisibility()
    {
        _store.With(
            A.Product.WithId(1).Named("Visible").Published(),
            A.Product.WithId(2).Named("Draft"),
            A.Product.WithId(3).Named("Archived").In(ProductStatus.Archived),
            A.Product.WithId(4).Named("Hidden published").Published().Inactive(),
            A.Product.WithId(5).Named("Hidden draft").Inactive());
    }

    [Test]
    public async Task Anonymous_callers_see_only_active_published_products()
    {
        OneOfEachVisibility();

        Assert.That(await IdsListed(new ListProducts(), TestUser.Anonymous), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task Ordinary_users_see_only_active_published_products()
    {
        OneOfEachVisibility();

        Assert.That(await IdsListed(new ListProducts(), TestUser.Customer), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task Staff_see_every_product()
    {
        OneOfEachVisibility();

        Assert.That(await IdsListed(new ListProducts(), TestUser.Staff), Is.EquivalentTo(new[] { 1, 2, 3, 4, 5 }));
    }

    [TestCase("draft", null)]
    [TestCase("archived", null)]
    [TestCase(null, false)]
    public async Task Status_and_is_active_filters_never_widen_what_non_staff_see(string? status, bool? isActive)
    {
        OneOfEachVisibility();

        Assert.That(await IdsListed(new ListProducts(Status: status, IsActive: isActive), TestUser.Anonymous), Is.Empty);
    }

    [Test]
    public async Task Status_and_is_active_filters_narrow_what_staff_see()
    {
        OneOfEachVisibility();

        Assert.Multiple(async () =>
        {
            Assert.That(await IdsListed(new ListProducts(Status: "draft")), Is.EquivalentTo(new[] { 2, 5 }));
            Assert.That(await IdsListed(new ListProducts(IsActive: false)), Is.EquivalentTo(new[] { 4, 5 }));
            Assert.That(await IdsListed(new ListProducts(Status: "published", IsActive: true)), Is.EqualTo(new[] { 1 }));
        });
    }

    [TestCase("board")]
    [TestCase("BOARD")]
    [TestCase("  Board ")]
    public async Task Search_matches_the_name_ignoring_case(string search)
    {
        _store.With(A.Product.WithId(1).Named("MX Board"), A.Product.WithId(2).Named("Mouse"));

        Assert.That(await IdsListed(new ListProducts(Search: search)), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task Many_matches_rank_name_matches_first_and_pages_carry_on_into_the_description_matches()
    {
        // Past the exact-count limit the ranks are read as two queries; the answer must be the same as one sort.
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var named = ICatalogReadStore.ExactCountLimit;
        for (var i = 1; i <= named; i++) _store.With(A.Product.WithId(i).Named($"Lamp {i}").CreatedAt(start.AddMinutes(i)));
        _store.With(A.Product.WithId(named + 1).Named("Shade").Described("for a lamp").CreatedAt(start.AddYears(1)));

        var first = await IdsListed(new ListProducts(Search: "lamp", PageSize: 2));
        var last = await IdsListed(new ListProducts(Search: "lamp", PageSize: 2, Page: named / 2 + 1));

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new[] { named, named - 1 }), "the newest name matches, not the newer description match");
            Assert.That(last, Is.EqualTo(new[] { named + 1 }), "the description match after every name match");
        });
    }

    [Test]
    public async Task Search_matches_the_description_too()
    {
        _store.With(
            A.Product.WithId(1).Named("MX Board").Described("Brown switches"),
            A.Product.WithId(2).Named("Mouse").Described("Optical SWITCHES and wheel"),
            A.Product.WithId(3).Named("Cable"));

        Assert.That(await IdsListed(new ListProducts(Search: "switches")), Is.EquivalentTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task The_category_filter_keeps_the_products_of_that_category_slug()
    {
        var keyboards = A.Category("Keyboards", id: 3);
        var mice = A.Category("Mice", id: 4);
        _store.With(
            A.Product.WithId(1).Named("MX Board").InCategory(keyboards),
            A.Product.WithId(2).Named("Mouse").InCategory(mice),
            A.Product.WithId(3).Named("Cable"));

        Assert.That(await IdsListed(new ListProducts(Category: "keyboards")), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task The_tag_filter_keeps_the_products_with_that_tag_slug()
    {
        var rgb = A.Tag("rgb", id: 7);
        var wireless = A.Tag("wireless", id: 8);
        _store.With(
            A.Product.WithId(1).Named("MX Board").Tagged(rgb).Tagged(wireless),
            A.Product.WithId(2).Named("Mouse").Tagged(wireless),
            A.Product.WithId(3).Named("Cable"));

        Assert.That(await IdsListed(new ListProducts(Tag: "rgb")), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task Price_bounds_are_inclusive()
    {
        _store.With(
            A.Product.WithId(1).Named("A").Priced(9.99m),
            A.Product.WithId(2).Named("B").Priced(10m),
            A.Product.WithId(3).Named("C").Priced(50m),
            A.Product.WithId(4).Named("D").Priced(50.01m));

        Assert.That(await IdsListed(new ListProducts(MinPrice: 10m, MaxPrice: 50m)), Is.EquivalentTo(new[] { 2, 3 }));
    }

    [Test]
    public async Task Ordering_by_price_breaks_ties_by_newest_id()
    {
        _store.With(
            A.Product.WithId(1).Named("A").Priced(20m),
            A.Product.WithId(2).Named("B").Priced(10m),
            A.Product.WithId(3).Named("C").Priced(20m),
            A.Product.WithId(4).Named("D").Priced(10m));

        Assert.Multiple(async () =>
        {
            Assert.That(await IdsListed(new ListProducts(Ordering: "price")), Is.EqualTo(new[] { 4, 2, 3, 1 }));
            Assert.That(await IdsListed(new ListProducts(Ordering: "-price")), Is.EqualTo(new[] { 3, 1, 4, 2 }));
        });
    }

    [Test]
    public async Task Ordering_by_name_ignores_case()
    {
        _store.With(
            A.Product.WithId(1).Named("banana"),
            A.Product.WithId(2).Named("Apple"),
            A.Product.WithId(3).Named("cherry"));

        Assert.Multiple(async () =>
        {
            Assert.That(await IdsListed(new ListProducts(Ordering: "name")), Is.EqualTo(new[] { 2, 1, 3 }));
            Assert.That(await IdsListed(new ListProducts(Ordering: "-name")), Is.EqualTo(new[] { 3, 1, 2 }));
        });
    }

    [Test]
    public async Task Ordering_by_status_is_alphabetical_as_shown_both_ways_with_ties_by_newest_id()
    {
        _store.With(
            A.Product.WithId(1).Named("A").Published(),
            A.Product.WithId(2).Named("B"),
            A.Product.WithId(3).Named("C").In(ProductStatus.Archived),
            A.Product.WithId(4).Named("D").Published(),
            A.Product.WithId(5).Named("E"));

        Assert.Multiple(async () =>
        {
            Assert.That(await IdsListed(new ListProducts(Ordering: "status")), Is.EqualTo(new[] { 3, 5, 2, 4, 1 }));
            Assert.That(await IdsListed(new ListProducts(Ordering: "-status")), Is.EqualTo(new[] { 4, 1, 5, 2, 3 }));
        });
    }

    [Test]
    public async Task Ordering_by_is_active_puts_inactive_first_both_ways_with_ties_by_newest_id()
    {
        _store.With(
            A.Product.WithId(1).Named("A"),
            A.Product.WithId(2).Named("B").Inactive(),
            A.Product.WithId(3).Named("C"),
            A.Product.WithId(4).Named("D").Inactive());

        Assert.Multiple(async () =>
        {
            Assert.That(await IdsListed(new ListProducts(Ordering: "isActive")), Is.EqualTo(new[] { 4, 2, 3, 1 }));
            Assert.That(await IdsListed(new ListProducts(Ordering: "-isActive")), Is.EqualTo(new[] { 3, 1, 4, 2 }));
        });
    }

    [Test]
    public async Task Ordering_by_category_is_by_its_name_with_products_without_one_last_and_ties_by_newest_id()
    {
        var keyboards = A.Category("Keyboards", 1);
        var audio = A.Category("Audio", 2);
        _store.With(
            A.Product.WithId(1).Named("A").InCategory(keyboards),
            A.Product.WithId(2).Named("B"),
            A.Product.WithId(3).Named("C").InCategory(audio),
            A.Product.WithId(4).Named("D").InCategory(keyboards),
            A.Product.WithId(5).Named("E"));

        Assert.Multiple(async () =>
        {
            Assert.That(await IdsListed(new ListProducts(Ordering: "category")), Is.EqualTo(new[] { 3, 4, 1, 5, 2 }));
            Assert.That(await IdsListed(new ListProducts(Ordering: "-category")), Is.EqualTo(new[] { 5, 2, 4, 1, 3 }));
        });
    }

    [TestCase("status")]
    [TestCase("-isActive")]
    [TestCase("category")]
    public void Back_office_orderings_are_a_validation_error_of_ordering_for_callers_who_are_not_staff(string ordering)
    {
        _store.With(A.Product.WithId(1).Published());

        foreach (var user in new[] { TestUser.Anonymous, TestUser.Customer })
        {
            var error = Assert.ThrowsAsync<ValidationException>(() => IdsListed(new ListProducts(Ordering: ordering), user));
            Assert.That(error!.Errors.Keys, Is.EqualTo(new[] { "ordering" }));
        }
    }

    [Test]
    public async Task The_default_ordering_is_newest_first_with_ties_by_newest_id()
    {
        var day = FixedClock.Now.Date;
        _store.With(
            A.Product.WithId(1).Named("A").CreatedAt(day.AddDays(-2)),
            A.Product.WithId(2).Named("B").CreatedAt(day),
            A.Product.WithId(3).Named("C").CreatedAt(day.AddDays(-2)),
            A.Product.WithId(4).Named("D").CreatedAt(day.AddDays(-1)));

        Assert.Multiple(async () =>
        {
            Assert.That(await IdsListed(new ListProducts()), Is.EqualTo(new[] { 2, 4, 3, 1 }));
            Assert.That(await IdsListed(new ListProducts(Ordering: "-createdAt")), Is.EqualTo(new[] { 2, 4, 3, 1 }));
            Assert.That(await IdsListed(new ListProducts(Ordering: "createdAt")), Is.EqualTo(new[] { 3, 1, 4, 2 }));
        });
    }

    [Test]
    public async Task A_page_holds_its_slice_and_the_total_of_everything_that_matched()
    {
        for (var id = 1; id <= 5; id++) _store.With(A.Product.WithId(id).Named($"P{id}").Priced(id));

        var page = await new ListProductsHandler(_store, TestUser.Staff, TestMapper.Instance, TestCursors.Instance)
            .Handle(new ListProducts(Ordering: "price", Page: 2, PageSize: 2), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(p => p.Id), Is.EqualTo(new[] { 3, 4 }));
            Assert.That(page.Page, Is.EqualTo(2));
            Assert.That(page.PageSize, Is.EqualTo(2));
            Assert.That(page.TotalCount, Is.EqualTo(5));
            Assert.That(page.TotalPages, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task A_page_past_the_end_is_empty_with_the_right_total()
    {
        for (var id = 1; id <= 5; id++) _store.With(A.Product.WithId(id).Named($"P{id}"));

        var page = await new ListProductsHandler(_store, TestUser.Staff, TestMapper.Instance, TestCursors.Instance)
            .Handle(new ListProducts(Page: 4, PageSize: 2), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(page.Items, Is.Empty);
            Assert.That(page.TotalCount, Is.EqualTo(5));
            Assert.That(page.TotalPages, Is.EqualTo(3));
            Assert.That(page.HasNext, Is.False);
        });
    }

    [Test]
    public async Task The_total_counts_only_what_the_caller_may_see_after_filters()
    {
        OneOfEachVisibility();

        var page = await new ListProductsHandler(_store, TestUser.Anonymous, TestMapper.Instance, TestCursors.Instance).Handle(new ListProducts(), CancellationToken.None);

        Assert.That(page.TotalCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Items_carry_their_category_and_tags_by_weight_then_name()
    {
        var keyboards = A.Category("Keyboards", id: 3);
        _store.With(A.Product.WithId(1).InCategory(keyboards)
            .Tagged(A.Tag("wireless", id: 8), 1).Tagged(A.Tag("rgb", id: 7), 5).Tagged(A.Tag("mechanical", id: 9), 1));

        var item = (await new ListProductsHandler(_store, TestUser.Staff, TestMapper.Instance, TestCursors.Instance).Handle(new ListProducts(), CancellationToken.None)).Items.Single();

        Assert.Multiple(() =>
        {
            Assert.That(item.Category?.Slug, Is.EqualTo("keyboards"));
            Assert.That(item.Tags.Select(t => t.Slug), Is.EqualTo(new[] { "rgb", "mechanical", "wireless" }));
        });
    }
}

public class GetProductHandlerTests
{
    private readonly InMemoryCatalogReadStore _store = new();

    [SetUp]
    public void SetUp() =>
        _store.With(
            A.Product.WithId(1).Named("Visible").WithSlug("visible").Published(),
            A.Product.WithId(2).Named("Draft").WithSlug("draft"),
            A.Product.WithId(3).Named("Inactive").WithSlug("inactive").Published().Inactive());

    [Test]
    public async Task A_visible_product_is_found_by_id_and_by_slug()
    {
        var byId = await new GetProductByIdHandler(_store, TestUser.Anonymous, TestMapper.Instance).Handle(new GetProductById(1), CancellationToken.None);
        var bySlug = await new GetProductBySlugHandler(_store, TestUser.Anonymous, TestMapper.Instance).Handle(new GetProductBySlug("visible"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(byId.Name, Is.EqualTo("Visible"));
            Assert.That(bySlug.Id, Is.EqualTo(1));
        });
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(99)]
    public void A_hidden_or_unknown_product_is_not_found_by_id_for_non_staff(int id)
    {
        Assert.ThrowsAsync<NotFoundException>(() =>
            new GetProductByIdHandler(_store, TestUser.Customer, TestMapper.Instance).Handle(new GetProductById(id), CancellationToken.None));
    }

    [TestCase("draft")]
    [TestCase("inactive")]
    public void A_hidden_product_is_not_found_by_slug_for_non_staff(string slug)
    {
        Assert.ThrowsAsync<NotFoundException>(() =>
            new GetProductBySlugHandler(_store, TestUser.Anonymous, TestMapper.Instance).Handle(new GetProductBySlug(slug), CancellationToken.None));
    }

    [TestCase(2)]
    [TestCase(3)]
    public async Task Staff_find_hidden_products(int id)
    {
        var dto = await new GetProductByIdHandler(_store, TestUser.Staff, TestMapper.Instance).Handle(new GetProductById(id), CancellationToken.None);

        Assert.That(dto.Id, Is.EqualTo(id));
    }
}

public class GetProductsByIdsHandlerTests
{
    private readonly InMemoryCatalogReadStore _store = new();

    private async Task<int[]> IdsFound(ICurrentUser user, params int[] ids) =>
        (await new GetProductsByIdsHandler(_store, user, TestMapper.Instance).Handle(new GetProductsByIds(ids), CancellationToken.None))
        .Select(p => p.Id).ToArray();

    [SetUp]
    public void Stock() => _store.With(
        A.Product.WithId(3).Named("Published").Published(),
        A.Product.WithId(1).Named("Draft"),
        A.Product.WithId(2).Named("Another published").Published());

    [Test]
    public async Task Answers_the_known_ids_once_each_in_id_order()
    {
        Assert.That(await IdsFound(TestUser.Staff, 3, 99, 1, 3), Is.EqualTo(new[] { 1, 3 }));
    }

    [Test]
    public async Task Leaves_out_what_the_caller_may_not_see()
    {
        Assert.That(await IdsFound(TestUser.Anonymous, 1, 2, 3), Is.EqualTo(new[] { 2, 3 }));
    }
}
