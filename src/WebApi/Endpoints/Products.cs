using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Shop.Application.Common.Exceptions;
using Shop.Application.History;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.Products.Queries;
using Shop.WebApi.Web;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Shop.WebApi.Endpoints;

/// <summary>/api/products: each endpoint binds, sends one request to the mediator and maps the answer to HTTP.</summary>
public static class Products
{
    public static void MapProducts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/products").WithTags("Products");
        group.MapGet("/", List).WithName("ListProducts").WithSummary("Lists the products the caller may see: filtered, ordered, paged by page number or by cursor (nextCursor).").CachedForAnonymous();
        group.MapGet("/{id:int}", GetById).WithName("GetProduct").WithSummary("Gets a product by id (ETag, If-None-Match → 304).").CachedForAnonymous();
        group.MapGet("/by-slug/{slug}", GetBySlug).WithName("GetProductBySlug")
            .WithSummary("Gets a product by slug; a product's former slug answers 301 to its current one.")
            .Produces(StatusCodes.Status301MovedPermanently).CachedForAnonymous();
        group.MapGet("/stats", Stats).WithName("GetProductStats").WithSummary("Counts and prices over the products the caller may see.").CachedForAnonymous();

        var staff = group.MapGroup("").RequireAuthorization(AuthSetup.StaffPolicy);
        staff.MapPost("/", Create).WithName("CreateProduct").WithSummary("Creates a product.");
        staff.MapPost("/bulk", BulkCreate).WithName("BulkCreateProducts")
            .WithSummary($"Creates 1 to 1000 products in one transaction, all or nothing; errors are keyed by item index ([3].price). The body may be up to {RequestLimits.BulkJsonMiB} MiB (other JSON bodies: {RequestLimits.JsonMiB} MiB); larger is a 413.")
            // The items are read one by one (JsonBodyErrors.ReadEach); the contract is still an array of create bodies.
            .Accepts<CreateProduct[]>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(RequestLimits.BulkJsonBytes));
        staff.MapGet("/export.csv", ExportCsv).WithName("ExportProductsCsv")
            .WithSummary("Streams every product as CSV (header row first).").Produces(StatusCodes.Status200OK, contentType: "text/csv");
        staff.MapPut("/{id:int}", Replace).WithName("ReplaceProduct").WithSummary("Replaces a product's writable fields (If-Match → 412 when stale).");
        staff.MapPatch("/{id:int}", Patch).WithName("PatchProduct").WithSummary("Merge-patches a product (If-Match → 412 when stale).")
            .Accepts<PatchProduct>("application/merge-patch+json", "application/json");
        staff.MapDelete("/{id:int}", Delete).WithName("DeleteProduct").WithSummary("Deletes a product with its detail, images and tag links.");
        staff.MapPost("/{id:int}/publish", Publish).WithName("PublishProduct").WithSummary("Publishes a product (idempotent).");
        staff.MapPost("/{id:int}/archive", Archive).WithName("ArchiveProduct").WithSummary("Archives a product.");
        staff.MapPost("/{id:int}/price-adjustments", AdjustPrice).WithName("AdjustProductPrice")
            .WithSummary("Adds an amount to the price atomically; 409 if the result leaves 0–100000.");
        staff.MapPost("/price-changes", ChangePrices).WithName("ChangeProductPrices")
            .WithSummary("Changes the price of every product the list's filters pick by an amount or a percent (rounded to 2 decimals, half away from zero); preview: true only answers what would change. All or nothing: 409 if a price would leave 0–100000.");
        staff.MapPost("/{id:int}/images", AddImage).WithName("AddProductImage")
            .WithSummary("Uploads an image (multipart: file, alt, position): JPEG, PNG, GIF or WebP by content, at most 5 MiB.")
            // Bearer tokens only on the API: no cookie rides along, so there is no cross-site forgery to guard against.
            .DisableAntiforgery()
            // The server stops reading a little past 5 MiB, the form reader at 5 MiB + 1 byte of the file (413 while it streams).
            .WithMetadata(new RequestSizeLimitAttribute(ProductImageFiles.MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: ProductImageFiles.MaxBytes);
        staff.MapGet("/{id:int}/history", History).WithName("GetProductHistory")
            .WithSummary("Lists a product's recorded changes (who, when, field → old/new), newest first, paged; a deleted product's history stays readable.");
        staff.MapDelete("/{id:int}/images/{imageId:int}", DeleteImage).WithName("DeleteProductImage").WithSummary("Deletes an image of a product, with its file.");
    }

    public static async Task<Ok<CursorPagedResponse<ProductListItemDto>>> List(
        [AsParameters] ListProducts query, IMediator mediator, HttpRequest request, CancellationToken ct) =>
        TypedResults.Ok(CursorPagedResponse<ProductListItemDto>.From(await mediator.Send(query, ct), request));

    public static async Task<Ok<PagedResponse<HistoryEntryDto>>> History(
        [AsParameters] GetProductHistory query, IMediator mediator, HttpRequest request, CancellationToken ct) =>
        TypedResults.Ok(PagedResponse<HistoryEntryDto>.From(await mediator.Send(query, ct), request));

    public static async Task<Results<Ok<ProductDto>, StatusCodeHttpResult>> GetById(int id, IMediator mediator, HttpContext http, CancellationToken ct) =>
        Conditional(await mediator.Send(new GetProductById(id), ct), http);

    public static async Task<Results<Ok<ProductDto>, StatusCodeHttpResult, RedirectHttpResult>> GetBySlug(
        string slug, IMediator mediator, HttpContext http, CancellationToken ct)
    {
        ProductDto product;
        try
        {
            product = await mediator.Send(new GetProductBySlug(slug), ct);
        }
        catch (NotFoundException)
        {
            // An old slug of a renamed product: one permanent redirect to the current resource, however many renames ago.
            if (await mediator.Send(new FindRenamedProduct(slug), ct) is not { } current) throw;
            return TypedResults.Redirect(PublicUrls.Absolute(http.Request, $"/api/products/by-slug/{current}", http.Request.QueryString), permanent: true);
        }
        return Conditional(product, http).Result switch
        {
            Ok<ProductDto> ok => ok,
            var other => (StatusCodeHttpResult)other,
        };
    }

    public static async Task<Ok<ProductStatsDto>> Stats(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetProductStats(), ct));

    public static async Task<Created<ProductDto>> Create(CreateProduct command, IMediator mediator, HttpContext http, CancellationToken ct)
    {
        var product = await mediator.Send(command, ct);
        http.Response.Headers.ETag = ETags.Of(product, http);
        return TypedResults.Created($"/api/products/{product.Id}", product);
    }

    public static async Task<Created<ProductBatchDto>> BulkCreate(
        [FromBody] JsonElement[] items, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct)
    {
        var (products, unreadable) = JsonBodyErrors.ReadEach<CreateProduct>(items, json.Value.SerializerOptions);
        var command = new BulkCreateProducts(products)
        {
            UnreadableItems = unreadable.ToDictionary(e => e.Key, e => new UnreadableField(e.Value.Field, e.Value.Message)),
        };
        return TypedResults.Created((string?)null, await mediator.Send(command, ct));
    }

    public static async Task<PushStreamHttpResult> ExportCsv(IMediator mediator, CancellationToken ct)
    {
        var rows = await mediator.Send(new ExportProducts(), ct);
        return TypedResults.Stream(body => ProductCsv.WriteAsync(rows, body, ct), "text/csv; charset=utf-8", "products.csv");
    }

    public static async Task<Ok<ProductDto>> Replace(int id, ReplaceProduct command, IMediator mediator, HttpContext http, CancellationToken ct) =>
        WithETag(await mediator.Send(command with { Id = id, ExpectedVersion = await ExpectedVersionAsync(id, mediator, http, ct) }, ct), http);

    public static async Task<Ok<ProductDto>> Patch(int id, PatchProduct command, IMediator mediator, HttpContext http, CancellationToken ct) =>
        WithETag(await mediator.Send(command with { Id = id, ExpectedVersion = await ExpectedVersionAsync(id, mediator, http, ct) }, ct), http);

    public static async Task<NoContent> Delete(int id, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteProduct(id), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ProductDto>> Publish(int id, IMediator mediator, HttpContext http, CancellationToken ct) =>
        WithETag(await mediator.Send(new PublishProduct(id), ct), http);

    public static async Task<Ok<ProductDto>> Archive(int id, IMediator mediator, HttpContext http, CancellationToken ct) =>
        WithETag(await mediator.Send(new ArchiveProduct(id), ct), http);

    public static async Task<Ok<ProductDto>> AdjustPrice(int id, AdjustProductPrice command, IMediator mediator, HttpContext http, CancellationToken ct) =>
        WithETag(await mediator.Send(command with { Id = id }, ct), http);

    public static async Task<Ok<PriceChangeDto>> ChangePrices(ChangeProductPrices command, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(command, ct));

    public static async Task<Created<ProductImageDto>> AddImage(
        int id, IFormFile? file, [FromForm] string? alt, [FromForm] int? position,
        IMediator mediator, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream();
        var image = await mediator.Send(new AddProductImage { ProductId = id, File = content, Alt = alt, Position = position ?? 0 }, ct);
        return TypedResults.Created($"/api/products/{id}/images/{image.Id}", image);
    }

    public static async Task<NoContent> DeleteImage(int id, int imageId, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteProductImage(id, imageId), ct);
        return TypedResults.NoContent();
    }

    private static Results<Ok<ProductDto>, StatusCodeHttpResult> Conditional(ProductDto product, HttpContext http)
    {
        var etag = ETags.Of(product, http);
        http.Response.Headers.ETag = etag;
        return ETags.NoneMatch(http.Request, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(product);
    }

    private static Ok<ProductDto> WithETag(ProductDto product, HttpContext http)
    {
        http.Response.Headers.ETag = ETags.Of(product, http);
        return TypedResults.Ok(product);
    }

    /// <summary>
    /// With <c>If-Match</c>, the version the client's ETag stands for: a stale tag is a 412 now, and the
    /// handler refuses the write if the product changes between this read and its save.
    /// </summary>
    private static async Task<long?> ExpectedVersionAsync(int id, IMediator mediator, HttpContext http, CancellationToken ct)
    {
        if (http.Request.Headers.IfMatch.Count == 0) return null;
        var current = await mediator.Send(new GetProductById(id), ct);
        return ETags.IfMatch(http.Request, ETags.Of(current, http)) == true ? current.Version : throw new PreconditionFailedException();
    }
}
