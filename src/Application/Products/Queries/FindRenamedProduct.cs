using MediatR;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Common;

namespace Shop.Application.Products.Queries;

/// <summary>
/// The current slug of the product the caller may see that once had <paramref name="Slug"/>, or null: links to an old slug
/// are redirected there. A hidden product's new slug is not told to a caller who may not see it.
/// </summary>
public sealed record FindRenamedProduct(string Slug) : IRequest<string?>;

public sealed class FindRenamedProductHandler(ICatalogReadStore store, ICurrentUser user) : IRequestHandler<FindRenamedProduct, string?>
{
    public async Task<string?> Handle(FindRenamedProduct request, CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(request.Slug)) return null;
        var query = store.Products.VisibleTo(user).Where(p => p.FormerSlugs.Any(f => f.Slug == request.Slug)).Select(p => p.Slug);
        return await store.FirstOrDefaultAsync(query, cancellationToken);
    }
}
