using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Application.Categories;
using Shop.Application.Categories.Commands;
using Shop.Application.Categories.Queries;
using Shop.WebApi.Web;

namespace Shop.WebApi.Endpoints;

public static class Categories
{
    public static void MapCategories(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/categories").WithTags("Categories");
        group.MapGet("/", List).WithName("ListCategories").WithSummary("Lists categories by name, with the products the caller may see.").CachedForAnonymous();
        group.MapGet("/{id:int}", GetById).WithName("GetCategory").WithSummary("Gets a category.").CachedForAnonymous();

        var staff = group.MapGroup("").RequireAuthorization(AuthSetup.StaffPolicy);
        staff.MapPost("/", Create).WithName("CreateCategory").WithSummary("Creates a category.");
        staff.MapPut("/{id:int}", Replace).WithName("ReplaceCategory").WithSummary("Replaces a category's name (and slug when given).");
        staff.MapPatch("/{id:int}", Patch).WithName("PatchCategory").WithSummary("Merge-patches a category.")
            .Accepts<UpdateCategory>("application/merge-patch+json", "application/json");
        staff.MapDelete("/{id:int}", Delete).WithName("DeleteCategory").WithSummary("Deletes an empty category; 409 while it has products.");
    }

    public static async Task<Ok<PagedResponse<CategoryDto>>> List([AsParameters] ListCategories query, IMediator mediator, HttpRequest request, CancellationToken ct) =>
        TypedResults.Ok(PagedResponse<CategoryDto>.From(await mediator.Send(query, ct), request));

    public static async Task<Ok<CategoryDto>> GetById(int id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetCategoryById(id), ct));

    public static async Task<Created<CategoryDto>> Create(CreateCategory command, IMediator mediator, CancellationToken ct)
    {
        var category = await mediator.Send(command, ct);
        return TypedResults.Created($"/api/categories/{category.Id}", category);
    }

    public static async Task<Ok<CategoryDto>> Replace(int id, UpdateCategory command, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(command with { Id = id, IsPatch = false }, ct));

    public static async Task<Ok<CategoryDto>> Patch(int id, UpdateCategory command, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(command with { Id = id, IsPatch = true }, ct));

    public static async Task<NoContent> Delete(int id, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteCategory(id), ct);
        return TypedResults.NoContent();
    }
}
