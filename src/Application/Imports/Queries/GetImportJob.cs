using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Imports.Queries;

/// <summary>An import job's state, progress, counts and row errors.</summary>
public sealed record GetImportJob(int Id) : IRequest<ImportJobDto>;

public sealed class GetImportJobHandler(IImportJobStore jobs, IImportProgress progress) : IRequestHandler<GetImportJob, ImportJobDto>
{
    public async Task<ImportJobDto> Handle(GetImportJob request, CancellationToken cancellationToken) =>
        await jobs.GetAsync(request.Id, cancellationToken) is { } job
            ? ImportJobDto.From(job, progress.Of(job.Id))
            : throw new NotFoundException("Import", request.Id);
}
