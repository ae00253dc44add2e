using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;
using Shop.Domain.Products;

namespace Shop.Application.Products.Commands;

/// <summary>PATCH with merge-patch semantics: an absent field is left as it is; only <c>categoryId</c> may be null (clears it).</summary>
public sealed record PatchProduct : IRequest<ProductDto>, IWritesProducts
{
    IEnumerable<int> IWritesProducts.ProductIds => [Id];

    [JsonIgnore] public int Id { get; init; }
    [JsonIgnore] public long? ExpectedVersion { get; init; }

    public Optional<string> Name { get; init; }
    public Optional<string> Slug { get; init; }
    public Optional<string> Description { get; init; }
    public Optional<decimal> Price { get; init; }
    public Optional<bool> IsActive { get; init; }
    public Optional<ProductStatus> Status { get; init; }
    public Optional<int?> CategoryId { get; init; }
    public Optional<IReadOnlyList<TagInput>> Tags { get; init; }
    public Optional<JsonElement> Specs { get; init; }
}

public sealed class PatchProductValidator : AbstractValidator<PatchProduct>
{
    public PatchProductValidator()
    {
        RuleFor(x => x.Name.Value).ProductName().When(x => x.Name.IsSet).OverridePropertyName("name");
        RuleFor(x => x.Description.Value).ProductDescription().When(x => x.Description.IsSet).OverridePropertyName("description");
        this.AddOptionalRules(x => x.Slug);
        RuleFor(x => x.Price.Value).ProductPrice().When(x => x.Price.IsSet).OverridePropertyName("price");
        RuleFor(x => x.Status.Value).IsInEnum().When(x => x.Status.IsSet).OverridePropertyName("status");
        RuleFor(x => x.Tags.Value).TagInputs().When(x => x.Tags.IsSet).OverridePropertyName("tags");
        RuleFor(x => x.Specs.Value).SpecsObject().When(x => x.Specs.IsSet).OverridePropertyName("specs");
    }
}

public sealed class PatchProductHandler(
    IProductRepository products,
    ICategoryRepository categories,
    ITagRepository tags,
    IUnitOfWork unitOfWork,
    IMapper mapper,
    TimeProvider clock) : IRequestHandler<PatchProduct, ProductDto>
{
    public async Task<ProductDto> Handle(PatchProduct request, CancellationToken cancellationToken)
    {
        var product = await products.GetAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Product", request.Id);
        if (request.ExpectedVersion is { } expected && expected != product.Version) throw new PreconditionFailedException();

        if (request.Name.IsSet) product.Rename(request.Name.Value);
        if (request.Slug.IsSet) product.ChangeSlug(request.Slug.Value);
        if (request.Description.IsSet) product.Describe(request.Description.Value);
        if (request.Price.IsSet) product.ChangePrice(request.Price.Value);
        if (request.IsActive.IsSet) product.SetActive(request.IsActive.Value);
        if (request.Status.IsSet) product.MoveTo(request.Status.Value, clock.GetUtcNow().UtcDateTime);
        if (request.CategoryId.IsSet)
            product.AssignCategory(await ProductReferences.CategoryAsync(categories, request.CategoryId.Value, cancellationToken));
        if (request.Tags.IsSet)
            product.SetTags(await ProductReferences.TagsAsync(tags, request.Tags.Value, cancellationToken));
        if (request.Specs.IsSet) product.SetSpecs(ProductRules.SpecsText(request.Specs.Value));

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<ProductDto>(product);
    }
}
