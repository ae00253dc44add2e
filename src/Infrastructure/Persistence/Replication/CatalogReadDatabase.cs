using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace Shop.Infrastructure.Persistence.Replication;

/// <summary>
/// Whether this scope's catalog queries may read the replica. The host decides from its request; the default, for
/// every scope that is not an HTTP request (CLI verbs, background jobs), is never.
/// </summary>
public interface IReplicaReadPolicy
{
    bool AllowsReplica();
}

internal sealed class PrimaryOnly : IReplicaReadPolicy
{
    public bool AllowsReplica() => false;
}

/// <summary>
/// The database one scope's catalog queries (<see cref="CatalogReadStore"/>) run on: the replica when the host's policy
/// allows it and the replica has caught up with every write this instance heard of (<see cref="ReplicaProgress"/>),
/// else the primary. Chosen once, at the first query, so all the queries of one answer (a page and its total) read the
/// same database. A replica that fails is left for the rest of the scope: its queries run again on the primary.
/// </summary>
internal sealed class CatalogReadDatabase(ShopDbContext primary, ReadReplica? replica, IReplicaReadPolicy policy) : IAsyncDisposable
{
    private ShopDbContext? _chosen;
    private ShopDbContext? _replicaContext;
    private bool _fellBack;

    public ShopDbContext Context => _chosen ??= Choose();

    public bool OnReplica => _replicaContext is not null && ReferenceEquals(Context, _replicaContext);

    private ShopDbContext Choose()
    {
        if (replica is null || !policy.AllowsReplica() || !replica.Progress.MayRead()) return primary;
        return _replicaContext = replica.CreateContext();
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is the replica failing (unreachable, timed out, a query cancelled by a recovery
    /// conflict) rather than the caller giving up: then the query is worth running again on the primary.
    /// </summary>
    public bool IsReplicaFailure(Exception exception, CancellationToken cancellationToken) =>
        OnReplica && !cancellationToken.IsCancellationRequested
                  && exception is DbException or TimeoutException or IOException or InvalidOperationException { InnerException: DbException or TimeoutException or IOException };

    /// <summary>The replica failed: the rest of this scope reads the primary, and so do other requests until it answers again.</summary>
    public void FallBack(Exception exception)
    {
        replica!.Progress.ReportFailure(exception);
        _chosen = primary;
        _fellBack = true;
    }

    /// <summary>
    /// <paramref name="query"/> as a query of the database now chosen: a query built on the replica before it failed
    /// is the same tree with its roots moved to the primary (the handler that built it never knows).
    /// </summary>
    public IQueryable<T> Current<T>(IQueryable<T> query)
    {
        if (!_fellBack || query.Provider is not IAsyncQueryProvider provider || ReferenceEquals(provider, PrimaryProvider)) return query;
        return PrimaryProvider.CreateQuery<T>(new MoveRoots(provider, PrimaryProvider, primary.Model).Visit(query.Expression));
    }

    private IAsyncQueryProvider PrimaryProvider => (IAsyncQueryProvider)primary.Products.AsQueryable().Provider;

    private sealed class MoveRoots(IAsyncQueryProvider from, IAsyncQueryProvider to, Microsoft.EntityFrameworkCore.Metadata.IModel model) : ExpressionVisitor
    {
        protected override Expression VisitExtension(Expression node) =>
            node is EntityQueryRootExpression root && ReferenceEquals(root.QueryProvider, from)
                ? new EntityQueryRootExpression(to, model.FindEntityType(root.EntityType.Name) ?? root.EntityType)
                : base.VisitExtension(node);
    }

    public ValueTask DisposeAsync() => _replicaContext?.DisposeAsync() ?? ValueTask.CompletedTask;
}
