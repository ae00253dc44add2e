using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using Shop.Application.Categories.Queries;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;
using Shop.Application.Products;

namespace Shop.Application.Categories.Commands;

/// <summary>PUT (name required) or PATCH (<see cref="IsPatch"/>: absent fields unchanged). The slug never changes unless given.</summary>
public sealed record UpdateCategory : IRequest<CategoryDto>
{
    [JsonIgnore] public int Id { get; init; }
    [JsonIgnore] public bool IsPatch { get; init; }
    public Optional<string> Name { get; init; }
    public Optional<string> Slug { get; init; }
}

public sealed class UpdateCategoryValidator : AbstractValidator<UpdateCategory>
{
    public UpdateCategoryValidator()
    {
        RuleFor(x => x.Name.IsSet ? x.Name.Value : null).CategoryName().When(x => x.Name.IsSet || !x.IsPatch).OverridePropertyName("name");
        this.AddOptionalRules(x => x.Slug);
    }
}

public sealed class UpdateCategoryHandler(ICategoryRepository categories, IUnitOfWork unitOfWork, ICatalogReadStore store, ICurrentUser user)
    : IRequestHandler<UpdateCategory, CategoryDto>
{
    public async Task<CategoryDto> Handle(UpdateCategory request, CancellationToken cancellationToken)
    {
        var category = await categories.GetAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Category", request.Id);
        if (request.Name.IsSet) category.Rename(request.Name.Value);
        if (request.Slug.IsSet) category.ChangeSlug(request.Slug.Value);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await store.CategoryAsync(category.Id, user, cancellationToken);
    }
}
