using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Common.Models;
using Shop.Application.Imports;
using Shop.Application.Imports.Commands;
using Shop.Application.Imports.Queries;
using Shop.WebApi.Web;

namespace Shop.WebApi.Pages.Admin.Imports;

/// <summary>
/// The import jobs, newest first, with their progress (the page refreshes itself while one is queued or running), and an
/// upload form that queues a job through the API's <see cref="StartImport"/>.
/// </summary>
[RequestSizeLimit(StartImport.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = StartImport.MaxBytes)]
[RejectOversizedForm]
public sealed class AdminImportsModel(IMediator mediator) : PageModel, IFormPage
{
    public const int PageSize = 20;

    public PagedList<ImportJobDto> Jobs { get; private set; } = new([], 1, PageSize, 0);

    [BindProperty(Name = "file")] public IFormFile? Upload { get; set; }

    /// <summary>While a job is queued or running, the page reloads itself to show its progress.</summary>
    public bool InProgress => Jobs.Items.Any(j => j.State is "queued" or "running");

    public async Task OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        var number = int.TryParse(page, out var n) && n > 0 ? n : 1;
        Jobs = await mediator.Send(new ListImportJobs(number, PageSize), ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await using var content = Upload?.OpenReadStream();
        var job = await mediator.Send(new StartImport(Upload?.FileName, content), ct);
        TempData["Flash"] = $"Import #{job.Id} of {job.FileName} queued.";
        return Redirect("/admin/imports");
    }

    public string ErrorsOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : "";

    /// <summary>The form's one field is the API's (file); a refusal of the file as a whole shows beside it too.</summary>
    public string FieldKey(string apiField) => "file";

    public async Task<IActionResult> ShowAgainAsync(CancellationToken ct)
    {
        await OnGetAsync(null, ct);
        return Page();
    }
}
