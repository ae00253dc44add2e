using AutoMapper;
using FluentValidation;
using MediatR;
using Shop.Application.Common;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;

namespace Shop.Application.Products.Commands;

/// <summary>
/// POST /api/products. An absent slug is made from the name, with <c>-2</c>, <c>-3</c>… when taken; a given slug that
/// is taken is a 409. An absent status is draft.
/// </summary>
public sealed record CreateProduct : ProductInput, IRequest<ProductDto>
{
    public int? CategoryId { get; init; }
}

public sealed class CreateProductValidator : AbstractValidator<CreateProduct>
{
    public CreateProductValidator() => Include(ProductInputValidator.Instance);
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

        var product = Product.Create(request.Name!, slug, request.Price!.Value, clock.GetUtcNow().UtcDateTime,
            request.Status.GetValueOr(ProductStatus.Draft));
        product.SetContent(request, category, tagLinks);

        products.Add(product);
        await UniqueSlug.SaveChoosingAgainOnClashAsync(request.Slug.IsSet, unitOfWork.SaveChangesAsync,
            async (skip, ct) => product.ChangeSlug(await AutoSlugAsync(request.Name!, ct, skip)), cancellationToken);
        return mapper.Map<ProductDto>(product);
    }

    private Task<string> AutoSlugAsync(string name, CancellationToken ct, int skipFree = 0) =>
        UniqueSlug.ForNameAsync(name, "product", products.SlugsLikeAsync, ct, skipFree);
}
