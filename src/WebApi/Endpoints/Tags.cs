using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Application.Tags;
using Shop.Application.Tags.Commands;
using Shop.Application.Tags.Queries;
using Shop.WebApi.Web;

namespace Shop.WebApi.Endpoints;

public static class Tags
{
    public static void MapTags(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tags").WithTags("Tags");
        group.MapGet("/", List).WithName("ListTags").WithSummary("Lists tags by name, with the products the caller may see.").CachedForAnonymous();
        group.MapGet("/{id:int}", GetById).WithName("GetTag").WithSummary("Gets a tag.").CachedForAnonymous();

        var staff = group.MapGroup("").RequireAuthorization(AuthSetup.StaffPolicy);
        staff.MapPost("/", Create).WithName("CreateTag").WithSummary("Creates a tag.");
        staff.MapPut("/{id:int}", Replace).WithName("ReplaceTag").WithSummary("Renames a tag (and changes its slug when given).");
        staff.MapDelete("/{id:int}", Delete).WithName("DeleteTag").WithSummary("Deletes a tag and its links to products.");
    }

    public static async Task<Ok<PagedResponse<TagDto>>> List([AsParameters] ListTags query, IMediator mediator, HttpRequest request, CancellationToken ct) =>
        TypedResults.Ok(PagedResponse<TagDto>.From(await mediator.Send(query, ct), request));

    public static async Task<Ok<TagDto>> GetById(int id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetTagById(id), ct));

    public static async Task<Created<TagDto>> Create(CreateTag command, IMediator mediator, CancellationToken ct)
    {
        var tag = await mediator.Send(command, ct);
        return TypedResults.Created($"/api/tags/{tag.Id}", tag);
    }

    public static async Task<Ok<TagDto>> Replace(int id, UpdateTag command, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(command with { Id = id }, ct));

    public static async Task<NoContent> Delete(int id, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteTag(id), ct);
        return TypedResults.NoContent();
    }
}
