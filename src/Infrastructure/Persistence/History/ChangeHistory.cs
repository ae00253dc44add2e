using Shop.Application.Common.Interfaces;
using Shop.Application.History;
using Shop.Domain.History;

namespace Shop.Infrastructure.Persistence.History;

/// <summary>Records set-based writes (<see cref="IChangeHistory"/>) through the same context, so in the caller's transaction.</summary>
internal sealed class ChangeHistory(ShopDbContext db, TimeProvider clock) : IChangeHistory
{
    public async Task RecordAsync(IReadOnlyCollection<RecordedChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        db.History.AddRange(changes.Select(c => HistoryEntry.Create(c.EntityType, c.EntityId, c.Action, now, db.Author, ChangeDiff.ToJson(c.Changes))));
        await db.SaveChangesAsync(cancellationToken);
    }
}
