using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Categories.Queries;

public sealed record GetCategoryById(int Id) : IRequest<CategoryDto>;

public sealed class GetCategoryByIdHandler(ICatalogReadStore store, ICurrentUser user) : IRequestHandler<GetCategoryById, CategoryDto>
{
    public async Task<CategoryDto> Handle(GetCategoryById request, CancellationToken cancellationToken)
    {
        var query = store.Categories.Where(c => c.Id == request.Id).WithVisibleCounts(store.Products, user);
        return await store.FirstOrDefaultAsync(query, cancellationToken) ?? throw new NotFoundException("Category", request.Id);
    }
}
