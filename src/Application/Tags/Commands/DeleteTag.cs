using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Tags.Commands;

/// <summary>Deletes a tag; its links to products go with it (the products stay).</summary>
public sealed record DeleteTag(int Id) : IRequest<Unit>;

public sealed class DeleteTagHandler(ITagRepository tags, IUnitOfWork unitOfWork) : IRequestHandler<DeleteTag, Unit>
{
    public async Task<Unit> Handle(DeleteTag request, CancellationToken cancellationToken)
    {
        var tag = await tags.GetAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Tag", request.Id);
        tags.Remove(tag);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
