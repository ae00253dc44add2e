using Microsoft.AspNetCore.WebUtilities;
using Shop.Application.Common.Models;

namespace Shop.WebApi.Web;

/// <summary>The paging envelope of every list endpoint, with absolute links to the neighbouring pages.</summary>
public sealed record PagedResponse<T>(
    IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, int TotalPages, string? Next, string? Previous)
{
    public static PagedResponse<T> From(PagedList<T> list, HttpRequest request) => new(
        list.Items, list.Page, list.PageSize, list.TotalCount, list.TotalPages,
        list.HasNext ? PageUrl(request, list.Page + 1) : null,
        list.HasPrevious ? PageUrl(request, Math.Min(list.Page - 1, list.TotalPages)) : null);

    private static string PageUrl(HttpRequest request, int page)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(kv => !kv.Key.Equals("page", StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new KeyValuePair<string, string?>("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return PublicUrls.Absolute(request, request.Path, QueryString.Create(query));
    }
}
