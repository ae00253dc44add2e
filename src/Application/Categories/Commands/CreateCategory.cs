using FluentValidation;
using MediatR;
using Shop.Application.Common;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;
using Shop.Application.Products;
using Shop.Domain.Categories;

namespace Shop.Application.Categories.Commands;

public sealed record CreateCategory : IRequest<CategoryDto>
{
    public string? Name { get; init; }
    public Optional<string> Slug { get; init; }
}

public sealed class CreateCategoryValidator : AbstractValidator<CreateCategory>
{
    public CreateCategoryValidator()
    {
        RuleFor(x => x.Name).CategoryName();
        this.AddOptionalRules(x => x.Slug);
    }
}

public sealed class CreateCategoryHandler(ICategoryRepository categories, IUnitOfWork unitOfWork)
    : IRequestHandler<CreateCategory, CategoryDto>
{
    public async Task<CategoryDto> Handle(CreateCategory request, CancellationToken cancellationToken)
    {
        var slug = request.Slug.IsSet ? request.Slug.Value : await AutoSlugAsync(request.Name!, cancellationToken);
        var category = Category.Create(request.Name!, slug);
        categories.Add(category);
        await UniqueSlug.SaveChoosingAgainOnClashAsync(request.Slug.IsSet, unitOfWork.SaveChangesAsync,
            async (skip, ct) => category.ChangeSlug(await AutoSlugAsync(request.Name!, ct, skip)), cancellationToken);
        return new CategoryDto(category.Id, category.Name, category.Slug, 0);
    }

    private Task<string> AutoSlugAsync(string name, CancellationToken ct, int skipFree = 0) =>
        UniqueSlug.ForNameAsync(name, "category", categories.SlugsLikeAsync, ct, skipFree);
}
