using FluentValidation;
using MediatR;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;

namespace Shop.Application.Tags.Queries;

/// <summary>Tags ordered by name, each with its visible product count.</summary>
public sealed record ListTags(int Page = 1, int PageSize = Paging.DefaultPageSize) : IRequest<PagedList<TagDto>>, IPagedRequest;

public sealed class ListTagsValidator : AbstractValidator<ListTags>
{
    public ListTagsValidator() => this.AddPagingRules();
}

public sealed class ListTagsHandler(ICatalogReadStore store, ICurrentUser user) : IRequestHandler<ListTags, PagedList<TagDto>>
{
    public async Task<PagedList<TagDto>> Handle(ListTags request, CancellationToken cancellationToken)
    {
        var total = await store.CountAsync(store.Tags, cancellationToken);
        var page = store.Tags.OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Skip(request.Skip()).Take(request.PageSize)
            .WithVisibleCounts(store.Products, user);
        return new PagedList<TagDto>(await store.ToListAsync(page, cancellationToken), request.Page, request.PageSize, total);
    }
}
