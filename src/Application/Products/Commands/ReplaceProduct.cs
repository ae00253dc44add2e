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

/// <summary>PUT: every writable field is replaced; an omitted one takes its default, except slug and status, which stay.</summary>
public sealed record ReplaceProduct : IRequest<ProductDto>, IWritesProducts
{
    IEnumerable<int> IWritesProducts.ProductIds => [Id];

    [JsonIgnore] public int Id { get; init; }

    /// <summary>The version the client last read (from <c>If-Match</c>); a different current one is a 412.</summary>
    [JsonIgnore] public long? ExpectedVersion { get; init; }

    public string? Name { get; init; }
    public Optional<string> Slug { get; init; }
    public string Description { get; init; } = "";
    public decimal? Price { get; init; }
    public bool IsActive { get; init; } = true;
    public Optional<ProductStatus> Status { get; init; }
    public int? CategoryId { get; init; }
    public IReadOnlyList<TagInput> Tags { get; init; } = [];
    public JsonElement Specs { get; init; }
}

public sealed class ReplaceProductValidator : AbstractValidator<ReplaceProduct>
{
    public ReplaceProductValidator()
    {
        RuleFor(x => x.Name).ProductName();
        RuleFor(x => x.Description).ProductDescription();
        this.AddOptionalRules(x => x.Slug);
        RuleFor(x => x.Price).NotNull().WithMessage("The price is required.");
        RuleFor(x => x.Price!.Value).ProductPrice().When(x => x.Price is not null).OverridePropertyName("price");
        RuleFor(x => x.Status.Value).IsInEnum().When(x => x.Status.IsSet).OverridePropertyName("status");
        RuleFor(x => x.Tags).TagInputs();
        RuleFor(x => x.Specs).SpecsObject();
    }
}

public sealed class ReplaceProductHandler(
    IProductRepository products,
    ICategoryRepository categories,
    ITagRepository tags,
    IUnitOfWork unitOfWork,
    IMapper mapper,
    TimeProvider clock) : IRequestHandler<ReplaceProduct, ProductDto>
{
    public async Task<ProductDto> Handle(ReplaceProduct request, CancellationToken cancellationToken)
    {
        var product = await products.GetAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Product", request.Id);
        if (request.ExpectedVersion is { } expected && expected != product.Version) throw new PreconditionFailedException();

        var category = await ProductReferences.CategoryAsync(categories, request.CategoryId, cancellationToken);
        var tagLinks = await ProductReferences.TagsAsync(tags, request.Tags, cancellationToken);

        product.Rename(request.Name!);
        if (request.Slug.IsSet) product.ChangeSlug(request.Slug.Value);
        product.ChangePrice(request.Price!.Value);
        if (request.Status.IsSet) product.MoveTo(request.Status.Value, clock.GetUtcNow().UtcDateTime);
        product.SetContent(request.Description, request.IsActive, category, tagLinks, request.Specs);

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<ProductDto>(product);
    }
}
