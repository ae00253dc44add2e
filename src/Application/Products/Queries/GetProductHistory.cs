using FluentValidation;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;
using Shop.Application.History;
using Shop.Domain.History;

namespace Shop.Application.Products.Queries;

/// <summary>
/// A product's change history, newest first (ties by the later id first), paged. A deleted product's history stays
/// readable: the id is unknown (404) only when it names neither a product nor any history.
/// </summary>
public sealed record GetProductHistory(int Id, int Page = 1, int PageSize = Paging.DefaultPageSize) : IRequest<PagedList<HistoryEntryDto>>, IPagedRequest;

public sealed class GetProductHistoryValidator : AbstractValidator<GetProductHistory>
{
    public GetProductHistoryValidator() => this.AddPagingRules();
}

public sealed class GetProductHistoryHandler(ICatalogReadStore store) : IRequestHandler<GetProductHistory, PagedList<HistoryEntryDto>>
{
    public async Task<PagedList<HistoryEntryDto>> Handle(GetProductHistory request, CancellationToken cancellationToken)
    {
        var entries = store.History.Where(h => h.EntityType == HistoryKinds.Product && h.EntityId == request.Id);
        var total = await store.CountAsync(entries, cancellationToken);
        if (total == 0 && await store.CountAsync(store.Products.Where(p => p.Id == request.Id), cancellationToken) == 0)
            throw new NotFoundException("Product", request.Id);
        var page = await store.ToListAsync(entries
            .OrderByDescending(h => h.At).ThenByDescending(h => h.Id)
            .Skip(request.Skip()).Take(request.PageSize), cancellationToken);
        return new PagedList<HistoryEntryDto>(page.Select(ToDto).ToList(), request.Page, request.PageSize, total);
    }

    private static HistoryEntryDto ToDto(HistoryEntry h) => new()
    {
        Id = h.Id,
        At = h.At,
        User = h.UserId is null && h.UserName is null ? null : new HistoryUserDto(h.UserId, h.UserName),
        Source = h.Source,
        Action = h.Action,
        Changes = ChangeDiff.Parse(h.ChangesJson),
    };
}
