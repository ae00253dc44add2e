using System.Text.Json;
using AutoMapper;
using FluentValidation;
using MediatR;
using Shop.Application.Common;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;
using Shop.Domain.Products;

namespace Shop.Application.Products.Commands;

public sealed record CreateProduct : IRequest<ProductDto>
{
    public string? Name { get; init; }

    /// <summary>Absent: made from the name, with <c>-2</c>, <c>-3</c>… when taken. Given and taken: 409.</summary>
    public Optional<string> Slug { get; init; }

    public string Description { get; init; } = "";
    public decimal? Price { get; init; }
    public bool IsActive { get; init; } = true;
    public ProductStatus Status { get; init; } = ProductStatus.Draft;
    public int? CategoryId { get; init; }
    public IReadOnlyList<TagInput> Tags { get; init; } = [];
    public JsonElement Specs { get; init; }
}

public sealed class CreateProductValidator : AbstractValidator<CreateProduct>
{
    public CreateProductValidator()
    {
        RuleFor(x => x.Name).ProductName();
        RuleFor(x => x.Description).ProductDescription();
        this.AddOptionalRules(x => x.Slug);
        RuleFor(x => x.Price).NotNull().WithMessage("The price is required.");
        RuleFor(x => x.Price!.Value).ProductPrice().When(x => x.Price is not null).OverridePropertyName("price");
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Tags).TagInputs();
        RuleFor(x => x.Specs).SpecsObject();
    }
}

public sealed class CreateProductHandler(
    IProductRepository products,
    ICategoryRepository categories,
    ITagRepository tags,
    IUnitOfWork unitOfWork,
    IMapper mapper,
    TimeProvider clock) : IRequestHandler<CreateProduct, ProductDto>
{
    public async Task<ProductDto> Handle(CreateProduct request, CancellationToken cancellationToken)
    {
        var category = await ProductReferences.CategoryAsync(categories, request.CategoryId, cancellationToken);
        var tagLinks = await ProductReferences.TagsAsync(tags, request.Tags, cancellationToken);
        var slug = request.Slug.IsSet ? request.Slug.Value : await AutoSlugAsync(request.Name!, cancellationToken);

        var product = Product.Create(request.Name!, slug, request.Price!.Value, clock.GetUtcNow().UtcDateTime, request.Status);
        product.SetContent(request.Description, request.IsActive, category, tagLinks, request.Specs);

        products.Add(product);
        await UniqueSlug.SaveChoosingAgainOnClashAsync(request.Slug.IsSet, unitOfWork.SaveChangesAsync,
            async (skip, ct) => product.ChangeSlug(await AutoSlugAsync(request.Name!, ct, skip)), cancellationToken);
        return mapper.Map<ProductDto>(product);
    }

    private Task<string> AutoSlugAsync(string name, CancellationToken ct, int skipFree = 0) =>
        UniqueSlug.ForNameAsync(name, "product", products.SlugsLikeAsync, ct, skipFree);
}
