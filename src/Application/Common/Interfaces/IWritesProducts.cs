namespace Shop.Application.Common.Interfaces;

/// <summary>
/// A command that changes these existing products. It runs in one transaction that first takes their row locks
/// (<see cref="Behaviors.ProductWriteBehavior{TRequest,TResponse}"/>), so concurrent writers of one product take
/// turns instead of failing on its version: without <c>If-Match</c> the last writer wins, and with it exactly one of
/// the writers that read the same version does.
/// </summary>
public interface IWritesProducts
{
    IEnumerable<int> ProductIds { get; }
}
