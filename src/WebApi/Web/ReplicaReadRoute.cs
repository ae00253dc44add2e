using Microsoft.Extensions.Primitives;
using Shop.Infrastructure.Persistence.Replication;

namespace Shop.WebApi.Web;

/// <summary>
/// Which requests may read the replica (<c>DATABASE_READ_URL</c>): anonymous GET and HEAD requests only — the output
/// cache's domain, a shop's traffic. Everything else reads the primary: a signed-in caller (a request with an
/// Authorization header or a sign-in cookie) may have just written and must read its own write; every unsafe request
/// (a command, and the answer it builds after its write); and every scope that is no request (CLI verbs, the import
/// worker, start-up). Identity, idempotency keys and health checks use the primary's context directly, never the read
/// store. Even an anonymous read goes to the primary until the replica has replayed every catalog write this instance
/// has heard of (<see cref="ReplicaProgress"/>), and when the replica fails.
/// </summary>
internal sealed class AnonymousReadsToReplica(IHttpContextAccessor http) : IReplicaReadPolicy
{
    public bool AllowsReplica() =>
        http.HttpContext is { } context
        && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && StringValues.IsNullOrEmpty(context.Request.Headers.Authorization)
        && context.User.Identity?.IsAuthenticated != true;
}
