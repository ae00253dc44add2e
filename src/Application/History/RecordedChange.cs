using Shop.Domain.History;

namespace Shop.Application.History;

/// <summary>A change made by set-based SQL, which the change tracker never sees, to record explicitly.</summary>
public sealed record RecordedChange(string EntityType, int EntityId, string Action, IReadOnlyList<FieldChange> Changes)
{
    /// <summary>A product's price moved from <paramref name="oldPrice"/> to <paramref name="newPrice"/>, as the UPDATE left it.</summary>
    public static RecordedChange PriceChange(int productId, decimal oldPrice, decimal newPrice, string action = HistoryActions.Updated) =>
        new(HistoryKinds.Product, productId, action, [new FieldChange("price", ChangeDiff.Value(oldPrice), ChangeDiff.Value(newPrice))]);
}
