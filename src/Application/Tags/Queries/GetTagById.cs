using MediatR;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Tags.Queries;

public sealed record GetTagById(int Id) : IRequest<TagDto>;

public sealed class GetTagByIdHandler(ICatalogReadStore store, ICurrentUser user) : IRequestHandler<GetTagById, TagDto>
{
    public Task<TagDto> Handle(GetTagById request, CancellationToken cancellationToken) => store.TagAsync(request.Id, user, cancellationToken);
}
