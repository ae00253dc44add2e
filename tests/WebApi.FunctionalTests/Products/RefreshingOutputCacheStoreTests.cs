using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Shop.WebApi.Web;

namespace Shop.WebApi.FunctionalTests.Products;

/// <summary>
/// The output cache's store around the framework's in-memory one: an expired answer is recomputed by one request while
/// the others keep getting it, and an answer computed across a write's eviction is never served.
/// </summary>
public sealed class RefreshingOutputCacheStoreTests
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);
    private const string Key = "GET /api/products";
    private const string Tag = "catalog";

    private sealed class Clock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }

    private readonly Clock _clock = new();
    private RefreshingOutputCacheStore _store = null!;

    [SetUp]
    public void CreateStore()
    {
        var framework = new ServiceCollection().AddOptions().AddOutputCache().BuildServiceProvider().GetRequiredService<IOutputCacheStore>();
        _store = new RefreshingOutputCacheStore(framework, _clock, TimeSpan.FromMinutes(5));
    }

    /// <summary>What a request that started now would store: tagged with the generation it started in.</summary>
    private string[] StartRequest() => [Tag, RefreshingOutputCacheStore.GenerationTag(_store.Generation)];

    private ValueTask StoreAsync(string answer, string[] tags) => _store.SetAsync(Key, [.. answer.Select(c => (byte)c)], tags, Fresh, default);

    private async Task<string?> GetAsync() => await _store.GetAsync(Key, default) is { } bytes ? new string([.. bytes.Select(b => (char)b)]) : null;

    [Test]
    public async Task A_fresh_answer_is_served_as_stored()
    {
        await StoreAsync("first", StartRequest());

        _clock.Advance(Fresh - TimeSpan.FromTicks(1));

        Assert.That(await GetAsync(), Is.EqualTo("first"));
    }

    [Test]
    public async Task An_expired_answer_is_recomputed_by_one_request_while_the_others_get_it_until_the_new_one_is_stored()
    {
        await StoreAsync("first", StartRequest());
        _clock.Advance(Fresh);

        var refresher = await GetAsync();
        var others = new[] { await GetAsync(), await GetAsync() };
        await StoreAsync("second", StartRequest());

        Assert.Multiple(async () =>
        {
            Assert.That(refresher, Is.Null, "the first request after the time is up recomputes");
            Assert.That(others, Is.All.EqualTo("first"), "the others do not wait for it");
            Assert.That(await GetAsync(), Is.EqualTo("second"), "then everyone gets the new answer");
        });
    }

    [Test]
    public async Task A_refresh_that_stores_nothing_is_handed_to_another_request_after_a_while()
    {
        await StoreAsync("first", StartRequest());
        _clock.Advance(Fresh);
        Assert.That(await GetAsync(), Is.Null, "the first refresher");

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.That(await GetAsync(), Is.EqualTo("first"), "still under way");

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.That(await GetAsync(), Is.Null, "presumed failed: the next request recomputes");
    }

    [Test]
    public async Task An_eviction_removes_answers_at_once_fresh_or_stale()
    {
        await StoreAsync("first", StartRequest());
        await _store.EvictByTagAsync(Tag, default);
        Assert.That(await GetAsync(), Is.Null, "fresh");

        await StoreAsync("second", StartRequest());
        _clock.Advance(Fresh);
        await GetAsync(); // a refresh is under way
        await _store.EvictByTagAsync(Tag, default);
        Assert.That(await GetAsync(), Is.Null, "stale, with a refresh under way");
    }

    [Test]
    public async Task An_answer_whose_request_started_before_an_eviction_is_not_served()
    {
        var startedBeforeTheWrite = StartRequest();
        await _store.EvictByTagAsync(Tag, default);
        await StoreAsync("computed across the write", startedBeforeTheWrite);

        Assert.That(await GetAsync(), Is.Null);

        await StoreAsync("after the write", StartRequest());
        Assert.That(await GetAsync(), Is.EqualTo("after the write"));
    }
}
