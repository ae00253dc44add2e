using System.Data.Common;
using System.Diagnostics;
using AutoMapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shop.Application.Common.Interfaces;
using Shop.Application.Products;
using Shop.Application.Products.Queries;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.Seeding;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>
/// On 100,000 products, the reads the API serves most are answered through indexes: the SQL the real handlers send
/// is explained with its parameters, and no plan may read the whole Products table.
/// </summary>
[TestFixture]
public sealed class QueryPlanTests() : DatabaseTestBase(DatabaseProvider.Postgres)
{
    private const int Products = 100_000;

    private static readonly IMapper Mapper =
        new MapperConfiguration(cfg => cfg.AddMaps(typeof(ProductDto).Assembly), NullLoggerFactory.Instance).CreateMapper();

    private sealed class Anonymous : ICurrentUser
    {
        public string? UserName => null;
        public bool IsStaff => false;
    }

    [Test]
    public async Task List_search_detail_and_by_slug_use_indexes_not_a_scan_of_products()
    {
        var prefix = await InScope(sp => sp.GetRequiredService<LoadDataGenerator>().GenerateAsync(Products, new Progress<int>(), CancellationToken.None));
        await WithDb(db => db.Database.ExecuteSqlRawAsync("ANALYZE"));
        var slug = prefix + "0012345";
        var id = await WithDb(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());

        // The first list of a large catalog counts (bounded, then once exactly); the total is then remembered for a minute.
        var first = await PlansOf((s, u) => new ListProductsHandler(s, u, Mapper, Cursors).Handle(new ListProducts(), CancellationToken.None));
        Assert.That(first.Count(p => p.Contains("Aggregate", StringComparison.Ordinal)), Is.EqualTo(2), string.Join("\n\n", first));
        Assert.That(first.Any(p => p.Contains("Aggregate", StringComparison.Ordinal) && p.Contains("Limit", StringComparison.Ordinal)), Is.True, "the bounded count");
        var plans = new Dictionary<string, List<string>>
        {
            ["list page 1"] = await PlansOf((s, u) => new ListProductsHandler(s, u, Mapper, Cursors).Handle(new ListProducts(), CancellationToken.None)),
            ["search, one word"] = await PlansOf((s, u) => new ListProductsHandler(s, u, Mapper, Cursors).Handle(new ListProducts(Search: "0012345"), CancellationToken.None)),
            ["search, two words"] = await PlansOf((s, u) => new ListProductsHandler(s, u, Mapper, Cursors).Handle(new ListProducts(Search: "0012345 PRODUCT"), CancellationToken.None)),
            ["detail by id"] = await PlansOf((s, u) => new GetProductByIdHandler(s, u, Mapper).Handle(new GetProductById(id), CancellationToken.None)),
            ["detail by slug"] = await PlansOf((s, u) => new GetProductBySlugHandler(s, u, Mapper).Handle(new GetProductBySlug(slug), CancellationToken.None)),
        };

        using (Assert.EnterMultipleScope())
        {
            foreach (var (read, explained) in plans)
            {
                Assert.That(explained, Is.Not.Empty, read);
                foreach (var plan in explained) Assert.That(plan, Does.Not.Contain("Seq Scan on \"Products\""), $"{read}:\n{plan}");
            }
        }
    }

    private ICursorProtector Cursors => Services.GetRequiredService<ICursorProtector>();

    [TestCase("-createdAt", "CreatedAt")]
    [TestCase("createdAt", "CreatedAt")]
    [TestCase("price", "Price")]
    [TestCase("-price", "Price")]
    [TestCase("name", "NameKey")]
    [TestCase("-name", "NameKey")]
    public async Task A_deep_cursor_page_starts_its_index_walk_at_the_cursor(string ordering, string column)
    {
        await InScope(sp => sp.GetRequiredService<LoadDataGenerator>().GenerateAsync(Products, new Progress<int>(), CancellationToken.None));
        await WithDb(db => db.Database.ExecuteSqlRawAsync("ANALYZE"));
        // Page 4,000 of 20 is row 80,000 of 100,000: its next cursor is as deep as a client walking that far would hold.
        var deep = await InScope(sp => new ListProductsHandler(sp.GetRequiredService<ICatalogReadStore>(), new Anonymous(), Mapper, Cursors)
            .Handle(new ListProducts(Ordering: ordering, Page: 4_000), CancellationToken.None));
        Assert.That(deep.NextCursor, Is.Not.Null);

        var plans = await PlansOf((s, u) => new ListProductsHandler(s, u, Mapper, Cursors).Handle(new ListProducts(Cursor: deep.NextCursor), CancellationToken.None));

        // The page's query is the one with a LIMIT (the total is remembered from the first page); it must walk the
        // ordering's index from the cursor's key (an Index Cond on it), not from the first row, and never scan the table.
        var page = plans.Single(p => p.Contains("Limit", StringComparison.Ordinal) && !p.Contains("Aggregate", StringComparison.Ordinal));
        Assert.That(page, Does.Not.Contain("Seq Scan on \"Products\""), page);
        Assert.That(page, Does.Match($@"Index (Only )?Scan( Backward)? using \S+ on ""Products""[\s\S]*Index Cond: \(.*""{column}""\S* [<>]="), page);
    }

    /// <summary>The plans of the queries a read sends, the total's count among them.</summary>
    private async Task<List<string>> PlansOf<T>(Func<ICatalogReadStore, ICurrentUser, Task<T>> read)
    {
        var commands = await InScope(async sp =>
        {
            var db = sp.GetRequiredService<ShopDbContext>();
            using var recorder = new CommandRecorder(db);
            await read(sp.GetRequiredService<ICatalogReadStore>(), new Anonymous());
            return recorder.Commands;
        });
        var plans = new List<string>();
        await using var connection = new NpgsqlConnection(Services.GetRequiredService<DatabaseSettings>().ConnectionString);
        await connection.OpenAsync();
        foreach (var (text, parameters) in commands)
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + text, connection);
            foreach (var p in parameters) explain.Parameters.Add(p.Clone());
            var lines = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
            plans.Add(string.Join('\n', lines));
        }
        return plans;
    }

    /// <summary>The SQL and parameters one DbContext sends, from EF Core's diagnostic events.</summary>
    private sealed class CommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly DbContext _context;
        private readonly IDisposable _subscription;
        private readonly List<IDisposable> _listeners = [];

        public CommandRecorder(DbContext context)
        {
            _context = context;
            _subscription = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public List<(string Text, List<NpgsqlParameter> Parameters)> Commands { get; } = [];

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) lock (_listeners) _listeners.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key != RelationalEventId.CommandExecuting.Name || e.Value is not CommandEventData data || !ReferenceEquals(data.Context, _context)) return;
            lock (Commands) Commands.Add((data.Command.CommandText, data.Command.Parameters.Cast<DbParameter>().Select(p => (NpgsqlParameter)p).ToList()));
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            _subscription.Dispose();
            lock (_listeners) _listeners.ForEach(l => l.Dispose());
        }
    }
}
