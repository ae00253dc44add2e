using Moq;
using Shop.Application.Auth.Commands;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Products.Commands;
using Shop.Application.Products.Queries;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Products;

namespace Shop.Application.UnitTests.Products;

/// <summary>The use cases the web back-office adds: bulk actions, dashboard counts, created-date filters, form sign-in.</summary>
public class BackOfficeHandlerTests
{
    private readonly Mock<IProductRepository> _products = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = UnitOfWorkMock.Create();

    private readonly Mock<IFileStorage> _storage = new();

    private ApplyToProductsHandler BulkHandler() =>
        new(_products.Object, _unitOfWork.Object, new FixedClock(), _storage.Object, Microsoft.Extensions.Logging.Abstractions.NullLogger<ApplyToProductsHandler>.Instance);

    private void Stock(params Product[] products)
    {
        _products.Setup(r => r.GetManyAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<int> ids, CancellationToken _) => products.Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id).ToList());
    }

    [Test]
    public async Task Bulk_publish_publishes_every_checked_product_in_one_save()
    {
        Product a = A.Product.WithId(1).Named("A");
        Product b = A.Product.WithId(2).Named("B");
        Stock(a, b);

        var outcome = await BulkHandler().Handle(new ApplyToProducts([1, 2], ProductAction.Publish), CancellationToken.None);

        Assert.That(outcome.Changed, Is.EqualTo(2));
        Assert.That(new[] { a.Status, b.Status }, Has.All.EqualTo(ProductStatus.Published));
        Assert.That(a.PublishedAt, Is.EqualTo(FixedClock.Now));
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Bulk_publish_skips_a_product_whose_status_may_not_move_and_says_why()
    {
        Product draft = A.Product.WithId(1).Named("Draft one");
        Product archived = A.Product.WithId(2).Named("Old one").In(ProductStatus.Archived);
        Stock(draft, archived);

        var outcome = await BulkHandler().Handle(new ApplyToProducts([1, 2], ProductAction.Publish), CancellationToken.None);

        Assert.That(outcome.Changed, Is.EqualTo(1));
        Assert.That(outcome.Skipped, Has.Count.EqualTo(1).And.Some.Contains("Old one"));
        Assert.That(archived.Status, Is.EqualTo(ProductStatus.Archived));
    }

    [Test]
    public async Task Bulk_deactivate_and_activate_toggle_is_active()
    {
        Product p = A.Product.WithId(3);
        Stock(p);

        await BulkHandler().Handle(new ApplyToProducts([3], ProductAction.Deactivate), CancellationToken.None);
        Assert.That(p.IsActive, Is.False);
        await BulkHandler().Handle(new ApplyToProducts([3], ProductAction.Activate), CancellationToken.None);
        Assert.That(p.IsActive, Is.True);
    }

    [Test]
    public async Task Bulk_delete_removes_each_existing_product_and_ignores_unknown_ids()
    {
        Product p = A.Product.WithId(4);
        Stock(p);

        var outcome = await BulkHandler().Handle(new ApplyToProducts([4, 99], ProductAction.Delete), CancellationToken.None);

        Assert.That(outcome.Changed, Is.EqualTo(1));
        _products.Verify(r => r.Remove(p), Times.Once);
        _products.Verify(r => r.Remove(It.Is<Product>(x => x != p)), Times.Never);
    }

    [Test]
    public async Task Bulk_delete_removes_the_deleted_products_files_after_the_save()
    {
        Product p = A.Product.WithId(5).WithImage("products/2026/11/a.png", "", 0).WithImage("products/2026/11/b.gif", "", 1);
        Product kept = A.Product.WithId(6).WithImage("products/2026/11/c.png", "", 0);
        Stock(p, kept);
        var saved = false;
        _unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).Callback(() => saved = true).Returns(Task.CompletedTask);
        var deletedAfterSave = new List<(string Key, bool Saved)>();
        _storage.Setup(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string key, CancellationToken _) => deletedAfterSave.Add((key, saved))).Returns(Task.CompletedTask);

        await BulkHandler().Handle(new ApplyToProducts([5], ProductAction.Delete), CancellationToken.None);

        Assert.That(deletedAfterSave, Is.EquivalentTo(new[] { ("products/2026/11/a.png", true), ("products/2026/11/b.gif", true) }));
    }

    [Test]
    public void Bulk_delete_keeps_the_files_when_the_save_fails()
    {
        Stock(A.Product.WithId(7).WithImage("products/2026/11/a.png", "", 0));
        _unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("database down"));

        Assert.ThrowsAsync<InvalidOperationException>(() => BulkHandler().Handle(new ApplyToProducts([7], ProductAction.Delete), CancellationToken.None));
        _storage.Verify(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public void Bulk_action_with_no_products_is_a_validation_error()
    {
        var result = new ApplyToProductsValidator().Validate(new ApplyToProducts([], ProductAction.Publish));

        Assert.That(result.Errors.Select(e => e.PropertyName), Does.Contain("Ids"));
    }

    [Test]
    public async Task Catalog_counts_count_every_product_by_status_and_activity()
    {
        var store = new InMemoryCatalogReadStore().With(
            A.Product.WithId(1).Named("a").Published().Build(),
            A.Product.WithId(2).Named("b").Build(),
            A.Product.WithId(3).Named("c").In(ProductStatus.Archived).Inactive().Build())
            .With(A.Category("Keyboards", 1))
            .With(A.Tag("rgb", 1), A.Tag("wireless", 2));

        var counts = await new GetCatalogCountsHandler(store).Handle(new GetCatalogCounts(), CancellationToken.None);

        Assert.That(counts, Is.EqualTo(new CatalogCounts(Products: 3, Published: 1, Drafts: 1, Archived: 1, Inactive: 1, Categories: 1, Tags: 2)));
    }

    [Test]
    public async Task Created_date_filters_include_both_whole_days()
    {
        var day = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
        var store = new InMemoryCatalogReadStore().With(
            A.Product.WithId(1).Named("before").CreatedAt(day.AddTicks(-1)).Build(),
            A.Product.WithId(2).Named("first").CreatedAt(day).Build(),
            A.Product.WithId(3).Named("last").CreatedAt(day.AddDays(2).AddTicks(-1)).Build(),
            A.Product.WithId(4).Named("after").CreatedAt(day.AddDays(2)).Build());
        var handler = new ListProductsHandler(store, TestUser.Staff, TestMapper.Instance, TestCursors.Instance);

        var page = await handler.Handle(new ListProducts(CreatedFrom: new DateOnly(2026, 11, 20), CreatedTo: new DateOnly(2026, 11, 21)), CancellationToken.None);

        Assert.That(page.Items.Select(i => i.Name), Is.EquivalentTo(new[] { "first", "last" }));
    }

    [Test]
    public void A_created_to_before_created_from_is_a_validation_error()
    {
        var result = new ListProductsValidator().Validate(new ListProducts(CreatedFrom: new DateOnly(2026, 11, 21), CreatedTo: new DateOnly(2026, 11, 20)));

        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public void Form_sign_in_with_a_wrong_password_fails_like_an_unknown_user()
    {
        var identity = new Mock<IIdentityService>();
        identity.Setup(i => i.CheckPasswordAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((UserIdentity?)null);

        Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            new VerifyCredentialsHandler(identity.Object).Handle(new VerifyCredentials("alice", "wrong"), CancellationToken.None));
    }

    [Test]
    public async Task Form_sign_in_with_the_right_password_returns_the_user_and_roles()
    {
        var user = new UserIdentity("u1", "alice", ["Staff"]);
        var identity = new Mock<IIdentityService>();
        identity.Setup(i => i.CheckPasswordAsync("alice", "Passw0rd!", It.IsAny<CancellationToken>())).ReturnsAsync(user);

        var result = await new VerifyCredentialsHandler(identity.Object).Handle(new VerifyCredentials("alice", "Passw0rd!"), CancellationToken.None);

        Assert.That(result, Is.EqualTo(user));
    }
}
