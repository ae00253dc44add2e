using Shop.Application.History;

namespace Shop.Application.Common.Interfaces;

/// <summary>
/// Records writes that bypass the change tracker (set-based <c>UPDATE</c>s): tracked writes are recorded by the save
/// itself. Call it inside the write's transaction, after the write, with the before/after values the statement produced
/// (e.g. from <c>RETURNING</c>), so the history commits or rolls back with the write.
/// </summary>
public interface IChangeHistory
{
    Task RecordAsync(IReadOnlyCollection<RecordedChange> changes, CancellationToken cancellationToken);
}
