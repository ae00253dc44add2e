using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Categories;
using Shop.Domain.Common;
using Shop.Domain.Products;
using Shop.Domain.Tags;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>
/// Base of the fixtures that run once per provider: every test gets a fresh, migrated database and the real
/// services from <c>AddInfrastructure</c>, with a hand-moved clock in place of the system one.
/// </summary>
public abstract class DatabaseTestBase(DatabaseProvider provider)
{
    private TestDatabase? _database;
    private ServiceProvider? _services;

    protected DatabaseProvider Provider => provider;

    protected ManualClock Clock { get; private set; } = ManualClock.StartingNow();

    protected IServiceProvider Services => _services ?? throw new InvalidOperationException("The database is not set up.");

    /// <summary>Configuration handed to <c>AddInfrastructure</c>; empty unless a fixture needs settings.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>();

    /// <summary>Registrations a fixture adds after (so in place of) the real ones.</summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    [OneTimeSetUp]
    public void RequireProvider() => TestDatabase.RequireProvider(provider);

    [SetUp]
    public async Task CreateMigratedDatabase()
    {
        _database = await TestDatabase.CreateAsync(provider);
        Clock = ManualClock.StartingNow();
        _services = NewInstance();

        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.MigrateAsync();
    }

    [TearDown]
    public async Task DropDatabase()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        _services = null;
        _database = null;
    }

    /// <summary>
    /// The real services on this test's database, as a process of the app has them: a second one stands for another
    /// instance of the app (singletons of its own, the same database and clock). The caller disposes it.
    /// </summary>
    protected ServiceProvider NewInstance()
    {
        var database = _database ?? throw new InvalidOperationException("The database is not set up.");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Configuration).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddInfrastructure(configuration, database.Settings);
        services.AddSingleton<TimeProvider>(Clock); // after AddInfrastructure: the last registration wins
        // Outside a host there is no content root to put media under; these tests store no files.
        services.AddSingleton(new Files.MediaSettings(Path.Combine(Path.GetTempPath(), "shop-integration-media")));
        AddServices(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Runs <paramref name="work"/> in its own DI scope, i.e. its own DbContext and connection.</summary>
    protected async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    protected async Task InScope(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    protected Task<T> WithDb<T>(Func<ShopDbContext, Task<T>> work) =>
        InScope(sp => work(sp.GetRequiredService<ShopDbContext>()));

    protected Product NewProduct(string name, decimal price = 10m, string? slug = null, ProductStatus status = ProductStatus.Draft) =>
        Product.Create(name, slug ?? Slug.From(name), price, Clock.UtcNow, status);

    /// <summary>Adds the product in a scope of its own and commits; returns its id.</summary>
    protected Task<int> SaveAsync(Product product) => InScope(async sp =>
    {
        sp.GetRequiredService<IProductRepository>().Add(product);
        await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        return product.Id;
    });

    protected Task<int> SaveProductAsync(string name, decimal price = 10m, string? slug = null, bool isActive = true) =>
        SaveAsync(WithActive(NewProduct(name, price, slug), isActive));

    protected Task<int> SaveCategoryAsync(string name, string? slug = null) => InScope(async sp =>
    {
        var category = Category.Create(name, slug ?? Slug.From(name));
        sp.GetRequiredService<ICategoryRepository>().Add(category);
        await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        return category.Id;
    });

    protected Task<int> SaveTagAsync(string name, string? slug = null) => InScope(async sp =>
    {
        var tag = Tag.Create(name, slug ?? Slug.From(name));
        sp.GetRequiredService<ITagRepository>().Add(tag);
        await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        return tag.Id;
    });

    /// <summary>Loads the product through the repository in a fresh scope (nothing cached from the save).</summary>
    protected Task<Product?> LoadAsync(int id) =>
        InScope(sp => sp.GetRequiredService<IProductRepository>().GetAsync(id, CancellationToken.None));

    /// <summary>Loads, changes and saves the product in one scope, as a command handler does.</summary>
    protected Task UpdateAsync(int id, Func<Product, IServiceProvider, Task> change) => InScope(async sp =>
    {
        var product = await sp.GetRequiredService<IProductRepository>().GetAsync(id, CancellationToken.None)
                      ?? throw new InvalidOperationException($"Product {id} is missing.");
        await change(product, sp);
        await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
    });

    protected Task UpdateAsync(int id, Action<Product> change) => UpdateAsync(id, (p, _) =>
    {
        change(p);
        return Task.CompletedTask;
    });

    private static Product WithActive(Product product, bool isActive)
    {
        product.SetActive(isActive);
        return product;
    }
}
