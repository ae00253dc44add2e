using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace Shop.WebApi.Web;

/// <summary>
/// The output cache's store, wrapped around the framework's in-memory one for two things it does not do:
/// <list type="number">
/// <item><b>Stale while revalidate.</b> When an answer's time is up, the first request to ask for it recomputes it while
/// every other request keeps getting the expired answer until the new one is stored (for at most <c>staleFor</c> past
/// its time). The framework's store drops the entry instead, and every connection then waits for the one recompute: on
/// a million products a broad search's recompute takes hundreds of milliseconds, which was the whole of the p99.</item>
/// <item><b>No answer from before a write.</b> A read that started before a write and finished after the write's eviction
/// would otherwise be stored, and served for the full lifetime after the write (the writer's next read included). Each
/// eviction starts a new generation; an answer is stored with the generation its request started in (which
/// <see cref="GenerationPolicy"/> hands over as a tag) and is only served while that generation is current.</item>
/// </list>
/// The app has one tag (every catalog answer), so one generation stands for all tags.
/// </summary>
internal sealed class RefreshingOutputCacheStore(IOutputCacheStore inner, TimeProvider clock, TimeSpan staleFor) : IOutputCacheStore
{
    private const string GenerationTagPrefix = "generation:";
    private const int HeaderLength = 2 * sizeof(long); // fresh-until ticks, generation

    /// <summary>A refresh not stored within this time (its answer was not cacheable, or it failed) may be tried again.</summary>
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(10);

    private const int MaxRefreshing = 10_000;

    private readonly ConcurrentDictionary<string, long> _refreshing = new(StringComparer.Ordinal);
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public static string GenerationTag(long generation) => GenerationTagPrefix + generation.ToString(CultureInfo.InvariantCulture);

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await inner.GetAsync(key, cancellationToken);
        if (stored is null || stored.Length < HeaderLength)
        {
            _refreshing.TryRemove(key, out _);
            return null;
        }

        var freshUntil = BinaryPrimitives.ReadInt64LittleEndian(stored);
        var generation = BinaryPrimitives.ReadInt64LittleEndian(stored.AsSpan(sizeof(long)));
        if (generation != Generation) return null; // computed before a write; the framework recomputes and stores anew

        var now = clock.GetUtcNow().UtcTicks;
        if (now >= freshUntil && TryStartRefresh(key, now)) return null; // this request recomputes; the others get the stale answer
        return stored[HeaderLength..];
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var (generation, innerTags) = SplitGenerationTag(tags);
        _refreshing.TryRemove(key, out _);
        if (generation != Generation) return; // a write was evicted while this answer was computed: it may predate the write

        var stored = new byte[HeaderLength + value.Length];
        BinaryPrimitives.WriteInt64LittleEndian(stored, (clock.GetUtcNow() + validFor).UtcTicks);
        BinaryPrimitives.WriteInt64LittleEndian(stored.AsSpan(sizeof(long)), generation);
        value.CopyTo(stored, HeaderLength);
        await inner.SetAsync(key, stored, innerTags, validFor + staleFor, cancellationToken);
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        // First the generation, so nothing stored before this line is served once it returns, even an answer whose
        // SetAsync is still under way; then the framework frees the memory.
        Interlocked.Increment(ref _generation);
        return inner.EvictByTagAsync(tag, cancellationToken);
    }

    private bool TryStartRefresh(string key, long now)
    {
        if (_refreshing.Count > MaxRefreshing) ForgetOldRefreshes(now);
        if (_refreshing.TryAdd(key, now)) return true;
        return _refreshing.TryGetValue(key, out var since) && now - since >= RefreshTimeout.Ticks && _refreshing.TryUpdate(key, now, since);
    }

    /// <summary>A refresh whose answer was not stored leaves its mark until the key is asked for again; keep them bounded.</summary>
    private void ForgetOldRefreshes(long now)
    {
        foreach (var (key, since) in _refreshing)
            if (now - since >= RefreshTimeout.Ticks) _refreshing.TryRemove(KeyValuePair.Create(key, since));
    }

    private (long Generation, string[]? Tags) SplitGenerationTag(string[]? tags)
    {
        var at = tags is null ? -1 : Array.FindIndex(tags, t => t.StartsWith(GenerationTagPrefix, StringComparison.Ordinal));
        // An answer stored without the policy's tag has no start to compare: it counts as of now, as in the framework's store.
        if (at < 0) return (Generation, tags);
        var generation = long.Parse(tags![at].AsSpan(GenerationTagPrefix.Length), CultureInfo.InvariantCulture);
        return (generation, [.. tags[..at], .. tags[(at + 1)..]]);
    }

    /// <summary>Tags each cacheable request with the generation it starts in (see the store's summary).</summary>
    public sealed class GenerationPolicy : IOutputCachePolicy
    {
        ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.HttpContext.RequestServices.GetRequiredService<IOutputCacheStore>() is RefreshingOutputCacheStore store)
                context.Tags.Add(GenerationTag(store.Generation));
            return ValueTask.CompletedTask;
        }

        ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
