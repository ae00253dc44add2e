using FluentValidation;
using MediatR;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;

namespace Shop.Application.Categories.Queries;

/// <summary>Categories ordered by name, each with its visible product count.</summary>
public sealed record ListCategories(int Page = 1, int PageSize = Paging.DefaultPageSize) : IRequest<PagedList<CategoryDto>>, IPagedRequest;

public sealed class ListCategoriesValidator : AbstractValidator<ListCategories>
{
    public ListCategoriesValidator() => this.AddPagingRules();
}

public sealed class ListCategoriesHandler(ICatalogReadStore store, ICurrentUser user) : IRequestHandler<ListCategories, PagedList<CategoryDto>>
{
    public async Task<PagedList<CategoryDto>> Handle(ListCategories request, CancellationToken cancellationToken)
    {
        var total = await store.CountAsync(store.Categories, cancellationToken);
        var page = store.Categories.OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip(request.Skip()).Take(request.PageSize)
            .WithVisibleCounts(store.Products, user);
        return new PagedList<CategoryDto>(await store.ToListAsync(page, cancellationToken), request.Page, request.PageSize, total);
    }
}
