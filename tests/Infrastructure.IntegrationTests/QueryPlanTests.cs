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
/// On a catalog big enough for the planner to care (100,000 products), the reads the API serves are answered from
/// indexes: the SQL the real handlers send is run through EXPLAIN and no plan may scan the Products table.
/// PostgreSQL only: SQLite's planner has no statistics worth asserting on.
/// </summary>
[TestFixture(DatabaseProvider.Postgres)]
[NonParallelizable] // 100k rows: keep it from competing with the other fixtures' databases
public sealed class QueryPlanTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private const int Products = 100_000;

    private static readonly IMapper Mapper =
        new MapperConfiguration(cfg => cfg.AddMaps(typeof(ProductDto).Assembly), NullLoggerFactory.Instance).CreateMapper();

    private sealed class Anonymous : ICurrentUser
    {
        public string? UserName => null;
        public bool IsStaff => false;
    }

    private string _prefix = "";

    [SetUp]
    public async Task LoadCatalog()
    {
        _prefix = await InScope(sp => sp.GetRequiredService<LoadDataGenerator>().GenerateAsync(Products, new Progress<int>(), CancellationToken.None));
        await WithDb(db => db.Database.ExecuteSqlRawAsync("ANALYZE"));
    }

    private Task<IReadOnlyList<string>> PlansOf(Func<ICatalogReadStore, ICurrentUser, Task> read) => InScope<IReadOnlyList<string>>(async sp =>
    {
        var db = sp.GetRequiredService<ShopDbContext>();
        using var recorder = new CommandRecorder(db);
        await read(sp.GetRequiredService<ICatalogReadStore>(), new Anonymous());
        var plans = new List<string>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        foreach (var (sql, parameters) in recorder.Commands)
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
            foreach (var p in parameters) explain.Parameters.Add(p);
            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
                while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
            plans.Add(string.Join('\n', lines));
        }
        return plans;
    });

    private static void AssertNoProductsScan(IReadOnlyList<string> plans)
    {
        Assert.That(plans, Is.Not.Empty, "the read sent SQL");
        foreach (var plan in plans) Assert.That(plan, Does.Not.Contain("Seq Scan on \"Products\""), plan);
    }

    [Test]
    public async Task Search_for_one_word_and_for_two_uses_the_trigram_index()
    {
        var oneWord = await PlansOf((store, user) => new ListProductsHandler(store, user, Mapper).Handle(new ListProducts(Search: "0054321"), default));
        var twoWords = await PlansOf((store, user) => new ListProductsHandler(store, user, Mapper).Handle(new ListProducts(Search: $"{_prefix[5..13]} 0054321"), default));

        AssertNoProductsScan(oneWord);
        AssertNoProductsScan(twoWords);
        Assert.That(oneWord[0], Does.Contain("IX_Products_SearchText"));
    }

    [Test]
    public async Task Detail_by_id_and_by_slug_use_their_unique_indexes()
    {
        var byId = await PlansOf((store, user) => new GetProductByIdHandler(store, user, Mapper).Handle(new GetProductById(54321), default));
        var bySlug = await PlansOf((store, user) => new GetProductBySlugHandler(store, user, Mapper).Handle(new GetProductBySlug(_prefix + "0054321"), default));

        AssertNoProductsScan(byId);
        AssertNoProductsScan(bySlug);
        Assert.That(bySlug[0], Does.Contain("IX_Products_Slug"));
    }

    /// <summary>Copies of the commands one context sends (text and parameters), through EF Core's diagnostic events.</summary>
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

        public List<(string Sql, List<NpgsqlParameter> Parameters)> Commands { get; } = [];

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) lock (_listeners) _listeners.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key != RelationalEventId.CommandExecuting.Name || e.Value is not CommandEventData data || !ReferenceEquals(data.Context, _context)) return;
            var parameters = data.Command.Parameters.Cast<DbParameter>().Select(p => ((NpgsqlParameter)p).Clone()).ToList();
            lock (Commands) Commands.Add((data.Command.CommandText, parameters));
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
