using AutoMapper;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Logging;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Files;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Validation;
using Shop.Application.Products.Queries;
using Shop.Domain.Products;

namespace Shop.Application.Products.Commands;

/// <summary>Adds an uploaded picture to a product; its type is recognised from its content alone.</summary>
public sealed record AddProductImage : IRequest<ProductImageDto>, IWritesProducts
{
    IEnumerable<int> IWritesProducts.ProductIds => [ProductId];

    public int ProductId { get; init; }

    /// <summary>The uploaded bytes, read once from where they are; null when no file was sent. The caller disposes it.</summary>
    public Stream? File { get; init; }

    public string? Alt { get; init; }
    public int Position { get; init; }
}

public sealed class AddProductImageValidator : AbstractValidator<AddProductImage>
{
    public AddProductImageValidator()
    {
        RuleFor(x => x.File).NotNull().WithMessage("A file is required.");
        RuleFor(x => x.Alt).MaximumLength(ProductImage.AltMaxLength)
            .WithMessage($"The alt text must be at most {ProductImage.AltMaxLength} characters.")
            .NoNul();
        RuleFor(x => x.Position).GreaterThanOrEqualTo(0).WithMessage("The position must be 0 or more.");
    }
}

public sealed class AddProductImageHandler(
    IProductRepository products,
    IFileStorage storage,
    IImageVariants imageVariants,
    IUnitOfWork unitOfWork,
    ICatalogReadStore store,
    IMapper mapper,
    TimeProvider clock,
    ILogger<AddProductImageHandler> logger) : IRequestHandler<AddProductImage, ProductImageDto>
{
    public async Task<ProductImageDto> Handle(AddProductImage request, CancellationToken cancellationToken)
    {
        var product = await products.GetAsync(request.ProductId, cancellationToken) ?? throw new NotFoundException("Product", request.ProductId);

        var header = new byte[ImageFormat.SignatureLength];
        var read = await request.File!.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var format = ImageFormat.Detect(header.AsSpan(0, read))
                     ?? throw new UnsupportedMediaTypeException("The file is not a JPEG, PNG, GIF or WebP image.");

        // The upload is read whole (at most 5 MiB) because its copies are made from it. The files first, then the row
        // that points at them: each step undoes the files if it fails, so neither a row without its files nor a file
        // without a row is ever left behind.
        var key = ProductImageFiles.NewKey(format, clock.GetUtcNow());
        var saved = new List<string>();
        ProductImage image;
        try
        {
            using var original = new MemoryStream();
            await using (var content = new SizeLimitedStream(request.File, header.AsMemory(0, read), ProductImageFiles.MaxBytes))
                await content.CopyToAsync(original, cancellationToken);
            saved.Add(key);
            original.Position = 0;
            await storage.SaveAsync(key, original, cancellationToken);

            var variants = new List<ProductImageVariant>();
            foreach (var copy in imageVariants.Make(original.ToArray(), format.Extension))
            {
                var variantKey = ProductImageFiles.VariantKey(key, copy.Name, copy.Extension);
                saved.Add(variantKey);
                await storage.SaveAsync(variantKey, new MemoryStream(copy.Content), cancellationToken);
                variants.Add(new ProductImageVariant(copy.Name, variantKey, copy.Width, copy.Height));
            }

            image = product.AddImage(key, request.Alt, request.Position, variants);
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await storage.DeleteQuietlyAsync(saved, logger);
            throw;
        }

        // Projected like every image answer, so its URL is made in one place (the media prefix is a projection parameter).
        var answer = store.Products.Where(p => p.Id == product.Id).SelectMany(p => p.Images).Where(i => i.Id == image.Id).ToImageDtos(store, mapper);
        return await store.FirstOrDefaultAsync(answer, CancellationToken.None) ?? throw new NotFoundException("Product", request.ProductId);
    }
}
