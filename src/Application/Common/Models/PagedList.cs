namespace Shop.Application.Common.Models;

/// <summary>One page of a list. Links to the neighbouring pages are added by the host, which knows the URL.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;

    /// <summary>Where the next page starts, for lists that page by keyset too (opaque; null on the last page).</summary>
    public string? NextCursor { get; init; }

    /// <summary>This page was asked for by a cursor: it goes forward only, and is last when it has no next cursor.</summary>
    public bool ByCursor { get; init; }

    public bool HasNext => ByCursor ? NextCursor is not null : Page < TotalPages;
    public bool HasPrevious => !ByCursor && Page > 1 && TotalPages > 0;
}
