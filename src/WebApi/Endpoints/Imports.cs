using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Shop.Application.Imports;
using Shop.Application.Imports.Commands;
using Shop.Application.Imports.Queries;
using Shop.WebApi.Web;

namespace Shop.WebApi.Endpoints;

/// <summary>/api/imports: CSV imports run as background jobs (staff only).</summary>
public static class Imports
{
    public static void MapImports(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(AuthSetup.StaffPolicy);
        staff.MapPost("/", Start).WithName("StartImport")
            .WithSummary($"Queues an import of a CSV file (multipart part 'file', the export.csv format, at most {StartImport.MaxMiB} MiB): 202 with the job and its Location. The job creates or updates products by slug, all or nothing.")
            // Bearer tokens only on the API: no cookie rides along, so there is no cross-site forgery to guard against.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(StartImport.MaxBytes + 64 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: StartImport.MaxBytes);
        staff.MapGet("/", List).WithName("ListImports").WithSummary("Lists import jobs, newest first (paged).");
        staff.MapGet("/{id:int}", Get).WithName("GetImport")
            .WithSummary($"An import job: state (queued, running, succeeded, failed), rowsDone/rowsTotal, created/updated, and the refused rows by line (the first {Domain.Imports.ImportJob.MaxErrorsKept}; errorCount counts all).");
    }

    public static async Task<Accepted<ImportJobDto>> Start(IFormFile? file, IMediator mediator, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream();
        var job = await mediator.Send(new StartImport(file?.FileName, content), ct);
        return TypedResults.Accepted($"/api/imports/{job.Id}", job);
    }

    public static async Task<Ok<PagedResponse<ImportJobDto>>> List([AsParameters] ListImportJobs query, IMediator mediator, HttpRequest request, CancellationToken ct) =>
        TypedResults.Ok(PagedResponse<ImportJobDto>.From(await mediator.Send(query, ct), request));

    public static async Task<Ok<ImportJobDto>> Get(int id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetImportJob(id), ct));
}
