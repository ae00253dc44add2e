namespace Shop.Domain.History;

/// <summary>
/// One recorded write to a catalog row: who, when, what (<see cref="ChangesJson"/>: <c>[{field, old, new}]</c> in API
/// field names). It names its row by kind and id without a foreign key, so a deleted product's record stays readable.
/// </summary>
public sealed class HistoryEntry
{
    private HistoryEntry() { }

    public long Id { get; private set; }

    /// <summary><see cref="HistoryKinds"/>: product, category or tag.</summary>
    public string EntityType { get; private set; } = "";

    public int EntityId { get; private set; }

    /// <summary><see cref="HistoryActions"/>: created, updated, deleted, price-adjusted, imported…</summary>
    public string Action { get; private set; } = "";

    public DateTime At { get; private set; }

    /// <summary>The signed-in user's id and name at the time; both null for a write with no user (CLI, migration).</summary>
    public string? UserId { get; private set; }

    public string? UserName { get; private set; }

    /// <summary>What wrote without a user: <c>system</c>, <c>import-products</c>, a migration's name; null for a user's write.</summary>
    public string? Source { get; private set; }

    public string ChangesJson { get; private set; } = "[]";

    public static HistoryEntry Create(string entityType, int entityId, string action, DateTime at, ChangeAuthor author, string changesJson) =>
        new()
        {
            EntityType = entityType,
            EntityId = entityId,
            Action = action,
            At = at,
            UserId = author.UserId,
            UserName = author.UserName,
            Source = author.UserId is null && author.UserName is null ? author.Source ?? ChangeAuthor.SystemSource : null,
            ChangesJson = changesJson,
        };
}

/// <summary>Who made a change: a signed-in user, or (with no user) a source such as the CLI command.</summary>
public sealed record ChangeAuthor(string? UserId, string? UserName, string? Source = null)
{
    public const string SystemSource = "system";

    public static ChangeAuthor System { get; } = new(null, null, SystemSource);
}

public static class HistoryKinds
{
    public const string Product = "product";
    public const string Category = "category";
    public const string Tag = "tag";
}

public static class HistoryActions
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";

    /// <summary>An atomic price adjustment (set-based SQL, recorded explicitly with the prices the UPDATE produced).</summary>
    public const string PriceAdjusted = "price-adjusted";

    /// <summary>A bulk price change (<c>POST /api/products/price-changes</c>): one entry per product it changed.</summary>
    public const string PricesChanged = "price-changed";
}
