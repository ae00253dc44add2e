using Microsoft.AspNetCore.OutputCaching;
using Shop.Infrastructure.Persistence.Replication;

namespace Shop.WebApi.Web;

/// <summary>
/// The one way a catalog write empties cached answers: this server's output cache, and on PostgreSQL every other
/// server's too (<see cref="CatalogChanges"/>: a NOTIFY carrying the primary's WAL position after the write).
/// </summary>
internal sealed class CatalogEviction(IOutputCacheStore cache, CatalogChanges changes, ReplicaProgress? replica = null)
{
    /// <summary>
    /// After a catalog write committed (a request, a finished import, a CLI verb). The position is required of the replica
    /// before the local eviction, so no read that starts after the eviction can read (and cache) the replica's old rows.
    /// </summary>
    public async Task AfterWriteAsync(CancellationToken cancellationToken)
    {
        await changes.PublishAsync(cancellationToken);
        await cache.EvictByTagAsync(OutputCacheSetup.CatalogTag, CancellationToken.None);
    }

    /// <summary>Another process wrote (its announcement), or announcements may have been missed (the listener reconnected).</summary>
    public async Task AfterOtherWriteAsync(CatalogChange? change)
    {
        if (change is not null) replica?.Require(change.Position);
        await cache.EvictByTagAsync(OutputCacheSetup.CatalogTag, CancellationToken.None);
    }
}
