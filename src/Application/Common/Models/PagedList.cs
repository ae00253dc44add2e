namespace Shop.Application.Common.Models;

/// <summary>One page of a list. Links to the neighbouring pages are added by the host, which knows the URL.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
    public bool HasNext => Page < TotalPages;
    public bool HasPrevious => Page > 1 && TotalPages > 0;
}
