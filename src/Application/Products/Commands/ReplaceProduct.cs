using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Products.Commands;

/// <summary>PUT: every writable field is replaced; an omitted one takes its default, except slug and status, which stay.</summary>
public sealed record ReplaceProduct : ProductInput, IRequest<ProductDto>, IWritesProducts
{
    IEnumerable<int> IWritesProducts.ProductIds => [Id];

    [JsonIgnore] public int Id { get; init; }

    /// <summary>The version the client last read (from <c>If-Match</c>); a different current one is a 412.</summary>
    [JsonIgnore] public long? ExpectedVersion { get; init; }

    public int? CategoryId { get; init; }
}

public sealed class ReplaceProductValidator : AbstractValidator<ReplaceProduct>
{
    public ReplaceProductValidator() => Include(ProductInputValidator.Instance);
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
        product.SetContent(request, category, tagLinks);

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<ProductDto>(product);
    }
}
