using System.Globalization;
using Shop.Application.Products.Queries;

namespace Shop.WebApi.Pages.Admin.Products;

/// <summary>
/// The back-office product list's filters, shared by the list and the bulk price change it links to. Read leniently from
/// query or form values, like the list always was: a value that does not parse is no filter, never an error.
/// </summary>
public sealed record AdminProductFilter(string? Q, string? Status, bool? Active, string? Category, DateOnly? From, DateOnly? To)
{
    public static AdminProductFilter Read(string? q, string? status, string? active, string? category, string? from, string? to) => new(
        string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
        ListProducts.Statuses.Contains(status) ? status : null,
        bool.TryParse(active, out var a) ? a : null,
        string.IsNullOrWhiteSpace(category) ? null : category,
        ParseDate(from),
        ParseDate(to));

    /// <summary>The filters that are set, as the query values the list reads (<c>q</c>, <c>status</c>, …), in that order.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Values =>
    [
        .. new KeyValuePair<string, string?>[]
        {
            new("q", Q), new("status", Status), new("active", Active?.ToString().ToLowerInvariant()), new("category", Category),
            new("from", Date(From)), new("to", Date(To)),
        }.Where(kv => kv.Value is not null),
    ];

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
