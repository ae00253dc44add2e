using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Common;

namespace Shop.Application.Categories.Commands;

/// <summary>Deletes an empty category; one that still has products is refused with 409 (the foreign key backs this up).</summary>
public sealed record DeleteCategory(int Id) : IRequest<Unit>;

public sealed class DeleteCategoryHandler(ICategoryRepository categories, IUnitOfWork unitOfWork) : IRequestHandler<DeleteCategory, Unit>
{
    public async Task<Unit> Handle(DeleteCategory request, CancellationToken cancellationToken)
    {
        var category = await categories.GetAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Category", request.Id);
        if (await categories.HasProductsAsync(category.Id, cancellationToken))
            throw new DomainException($"The category '{category.Name}' still has products; move or delete them first.");
        categories.Remove(category);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
