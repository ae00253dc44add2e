using FluentValidation;
using MediatR;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;

namespace Shop.Application.Imports.Queries;

/// <summary>Import jobs, newest first.</summary>
public sealed record ListImportJobs(int Page = 1, int PageSize = Paging.DefaultPageSize) : IRequest<PagedList<ImportJobDto>>, IPagedRequest;

public sealed class ListImportJobsValidator : AbstractValidator<ListImportJobs>
{
    public ListImportJobsValidator() => this.AddPagingRules();
}

public sealed class ListImportJobsHandler(IImportJobStore jobs, IImportProgress progress) : IRequestHandler<ListImportJobs, PagedList<ImportJobDto>>
{
    public async Task<PagedList<ImportJobDto>> Handle(ListImportJobs request, CancellationToken cancellationToken)
    {
        var total = await jobs.CountAsync(cancellationToken);
        var page = await jobs.ListAsync(request.Skip(), request.PageSize, cancellationToken);
        return new PagedList<ImportJobDto>([.. page.Select(j => ImportJobDto.From(j, progress.Of(j.Id)))], request.Page, request.PageSize, total);
    }
}
