using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Tags.Queries;

public sealed record GetTagById(int Id) : IRequest<TagDto>;

public sealed class GetTagByIdHandler(ICatalogReadStore store, ICurrentUser user) : IRequestHandler<GetTagById, TagDto>
{
    public async Task<TagDto> Handle(GetTagById request, CancellationToken cancellationToken)
    {
        var query = store.Tags.Where(t => t.Id == request.Id).WithVisibleCounts(store.Products, user);
        return await store.FirstOrDefaultAsync(query, cancellationToken) ?? throw new NotFoundException("Tag", request.Id);
    }
}
