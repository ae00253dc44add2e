using MediatR;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Categories.Queries;

public sealed record GetCategoryById(int Id) : IRequest<CategoryDto>;

public sealed class GetCategoryByIdHandler(ICatalogReadStore store, ICurrentUser user) : IRequestHandler<GetCategoryById, CategoryDto>
{
    public Task<CategoryDto> Handle(GetCategoryById request, CancellationToken cancellationToken) =>
        store.CategoryAsync(request.Id, user, cancellationToken);
}
