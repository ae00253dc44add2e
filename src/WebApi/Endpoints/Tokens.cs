using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Application.Auth;
using Shop.Application.Auth.Commands;
using Shop.WebApi.Web;

namespace Shop.WebApi.Endpoints;

public static class Tokens
{
    public static void MapTokens(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/token").WithTags("Authentication").AllowAnonymous().RequireTokenRateLimit()
            .AddEndpointFilter(NoStore);
        group.MapPost("/", Issue).WithName("IssueToken").WithSummary("Exchanges a username and password for an access and a refresh token.");
        group.MapPost("/refresh", Refresh).WithName("RefreshToken").WithSummary("Exchanges a refresh token for a new pair; the old one stops working.");
    }

    /// <summary>
    /// Token answers (and their errors) must never be cached (RFC 6749 §5.1). Set when the response starts, so that the
    /// headers also survive the exception handler, which clears the response before writing a problem.
    /// </summary>
    private static ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var response = context.HttpContext.Response;
        response.OnStarting(() =>
        {
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
            return Task.CompletedTask;
        });
        return next(context);
    }

    public static async Task<Ok<TokenPairDto>> Issue(IssueToken command, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(command, ct));

    public static async Task<Ok<TokenPairDto>> Refresh(RefreshToken command, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(command, ct));
}
