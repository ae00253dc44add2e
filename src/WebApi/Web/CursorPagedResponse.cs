using Microsoft.AspNetCore.WebUtilities;
using Shop.Application.Common.Models;

namespace Shop.WebApi.Web;

/// <summary>
/// The paging envelope of the product list: <see cref="PagedResponse{T}"/>'s fields and <c>nextCursor</c>, where the next page
/// starts by keyset (null on the last page). A page asked for by <c>page</c> links its neighbours by <c>page</c>, as every
/// list does; a page asked for by <c>cursor</c> links <c>next</c> to the next cursor's page and has no <c>previous</c>
/// (cursors go forward only).
/// </summary>
public sealed record CursorPagedResponse<T>(
    IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, int TotalPages, string? Next, string? Previous, string? NextCursor)
{
    public static CursorPagedResponse<T> From(PagedList<T> list, HttpRequest request)
    {
        if (!list.ByCursor)
        {
            var paged = PagedResponse<T>.From(list, request);
            return new(paged.Items, paged.Page, paged.PageSize, paged.TotalCount, paged.TotalPages, paged.Next, paged.Previous, list.NextCursor);
        }
        return new(list.Items, list.Page, list.PageSize, list.TotalCount, list.TotalPages,
            list.NextCursor is null ? null : CursorUrl(request, list.NextCursor), null, list.NextCursor);
    }

    /// <summary>The request's own query (its filters, ordering and page size) with the next cursor in place of the one it sent.</summary>
    private static string CursorUrl(HttpRequest request, string cursor)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(kv => !kv.Key.Equals("page", StringComparison.OrdinalIgnoreCase) && !kv.Key.Equals("cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new KeyValuePair<string, string?>("cursor", cursor));
        return PublicUrls.Absolute(request, request.Path, QueryString.Create(query));
    }
}
