using System.Text.Json;
using System.Text.Json.Serialization;
using Shop.Application.Common.Interfaces;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.Products.Queries;

/// <summary>
/// Where a product list's page ended: the list it belongs to (filters and ordering), the ordering's key values of the
/// page's last row, and how many rows came before the next page (to number it). Sealed by <see cref="ICursorProtector"/>.
/// </summary>
internal sealed record ProductCursor(ProductListScope Scope, JsonElement[] After, int Position)
{
    public const string Field = "cursor";
    public const int MaxLength = 2048;
    public const string Invalid = "The cursor is not one this shop made (altered, cut or expired): start again from the first page.";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string Seal(ICursorProtector protector) => protector.Protect(JsonSerializer.Serialize(this, Json));

    /// <summary>The cursor in <paramref name="token"/>; a token that is not one of ours is a 400 keyed <c>cursor</c>.</summary>
    public static ProductCursor Open(ICursorProtector protector, string token)
    {
        var payload = protector.Unprotect(token) ?? throw new ValidationException(Field, Invalid);
        try
        {
            return JsonSerializer.Deserialize<ProductCursor>(payload, Json) is { Scope: not null, After: not null, Position: >= 0 } cursor
                ? cursor
                : throw new ValidationException(Field, Invalid);
        }
        catch (JsonException)
        {
            throw new ValidationException(Field, Invalid);
        }
    }
}

/// <summary>
/// What a cursor continues: the list's filters and ordering. A request with a cursor takes them from it; any it repeats must
/// be the same, so a cursor can never continue a different list (skipping or repeating rows). Empty text counts as absent.
/// </summary>
internal sealed record ProductListScope(
    string? Search, string? Category, string? Tag, decimal? MinPrice, decimal? MaxPrice, string? Status, bool? IsActive,
    string? Ordering, DateOnly? CreatedFrom, DateOnly? CreatedTo)
{
    public const string Mismatch =
        "The cursor continues another list: send it with the same filters and ordering as the page it came from, or with none.";

    public static ProductListScope Of(ListProducts r) => new(
        Text(r.Search), Text(r.Category), Text(r.Tag), r.MinPrice, r.MaxPrice, Text(r.Status), r.IsActive, Text(r.Ordering), r.CreatedFrom, r.CreatedTo);

    /// <summary>The request with this list's filters and ordering; a 400 keyed <c>cursor</c> if it asks for different ones.</summary>
    public ListProducts AppliedTo(ListProducts r) => r with
    {
        Search = Same(Search, Text(r.Search)),
        Category = Same(Category, Text(r.Category)),
        Tag = Same(Tag, Text(r.Tag)),
        MinPrice = Same(MinPrice, r.MinPrice),
        MaxPrice = Same(MaxPrice, r.MaxPrice),
        Status = Same(Status, Text(r.Status)),
        IsActive = Same(IsActive, r.IsActive),
        Ordering = Same(Ordering, Text(r.Ordering)),
        CreatedFrom = Same(CreatedFrom, r.CreatedFrom),
        CreatedTo = Same(CreatedTo, r.CreatedTo),
    };

    private static T? Same<T>(T? made, T? asked) =>
        asked is null || EqualityComparer<T>.Default.Equals(made, asked) ? made : throw new ValidationException(ProductCursor.Field, Mismatch);

    private static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
