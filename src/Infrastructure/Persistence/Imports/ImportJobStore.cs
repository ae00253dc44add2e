using Microsoft.EntityFrameworkCore;
using Shop.Application.Common.Interfaces;
using Shop.Application.Imports;
using Shop.Domain.Imports;

namespace Shop.Infrastructure.Persistence.Imports;

/// <summary>Import jobs in the database; every state move is one conditional UPDATE (see <see cref="IImportJobStore"/>).</summary>
internal sealed class ImportJobStore(ShopDbContext db, ImportQueueSignal queued) : IImportJobStore
{
    public async Task<ImportJob> QueueAsync(ImportJob job, byte[] file, CancellationToken cancellationToken)
    {
        // One transaction: the job and its file are committed together, or neither is (a queued job always has its file).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        db.ImportJobFiles.Add(new ImportJobFile { ImportJobId = job.Id, Content = file });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        queued.Wake();
        return job;
    }

    public Task<ImportJob?> GetAsync(int id, CancellationToken cancellationToken) =>
        db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);

    public async Task<IReadOnlyList<ImportJob>> ListAsync(int skip, int take, CancellationToken cancellationToken) =>
        await db.ImportJobs.AsNoTracking().OrderByDescending(j => j.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken) => db.ImportJobs.CountAsync(cancellationToken);

    public async Task<ClaimedImport?> ClaimNextAsync(DateTime now, CancellationToken cancellationToken)
    {
        // Another worker may take the same candidate first: the UPDATE only claims a job still queued, so it updates no
        // row then, and the next candidate is tried.
        while (true)
        {
            var candidate = await db.ImportJobs.Where(j => j.State == ImportJobState.Queued).OrderBy(j => j.Id)
                .Select(j => (int?)j.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate is not { } id) return null;
            var claimed = await db.ImportJobs.Where(j => j.Id == id && j.State == ImportJobState.Queued)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, ImportJobState.Running)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.StartedAt, now)
                    .SetProperty(j => j.HeartbeatAt, now)
                    .SetProperty(j => j.RowsDone, 0), cancellationToken);
            if (claimed == 0) continue;
            var attempt = await db.ImportJobs.Where(j => j.Id == id).Select(j => j.Attempts).FirstAsync(cancellationToken);
            var file = await db.ImportJobFiles.Where(f => f.ImportJobId == id).Select(f => f.Content).FirstAsync(cancellationToken);
            return new ClaimedImport(id, attempt, file);
        }
    }

    public Task HeartbeatAsync(int id, int rowsDone, int? rowsTotal, DateTime now, CancellationToken cancellationToken) =>
        db.ImportJobs.Where(j => j.Id == id && j.State == ImportJobState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now).SetProperty(j => j.RowsDone, rowsDone).SetProperty(j => j.RowsTotal, rowsTotal), cancellationToken);

    public Task SucceedAsync(int id, int rows, int created, int updated, DateTime now, CancellationToken cancellationToken) =>
        db.ImportJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, ImportJobState.Succeeded)
            .SetProperty(j => j.RowsDone, rows).SetProperty(j => j.RowsTotal, rows)
            .SetProperty(j => j.Created, created).SetProperty(j => j.Updated, updated)
            .SetProperty(j => j.FinishedAt, now).SetProperty(j => j.HeartbeatAt, now), cancellationToken);

    public Task FailAsync(int id, string message, IReadOnlyList<ImportRowError> errors, int rowsDone, int? rowsTotal, DateTime now, CancellationToken cancellationToken)
    {
        var json = ImportJobDto.ErrorsJson(errors);
        var text = message.Length > 2000 ? message[..2000] : message;
        return db.ImportJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, ImportJobState.Failed)
            .SetProperty(j => j.Message, text)
            .SetProperty(j => j.Errors, json).SetProperty(j => j.ErrorCount, errors.Count)
            .SetProperty(j => j.RowsDone, rowsDone).SetProperty(j => j.RowsTotal, rowsTotal)
            .SetProperty(j => j.FinishedAt, now).SetProperty(j => j.HeartbeatAt, now), cancellationToken);
    }

    public async Task<(int Requeued, int Failed)> RecoverAsync(DateTime silentSince, DateTime now, CancellationToken cancellationToken)
    {
        var failed = await db.ImportJobs
            .Where(j => j.State == ImportJobState.Running && j.HeartbeatAt < silentSince && j.Attempts >= ImportJob.MaxAttempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, ImportJobState.Failed)
                .SetProperty(j => j.Message, $"The import was interrupted {ImportJob.MaxAttempts} times (its server stopped while it ran); nothing of it was written.")
                .SetProperty(j => j.FinishedAt, now), cancellationToken);
        var requeued = await db.ImportJobs
            .Where(j => j.State == ImportJobState.Running && j.HeartbeatAt < silentSince)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ImportJobState.Queued).SetProperty(j => j.RowsDone, 0), cancellationToken);
        return (requeued, failed);
    }
}

/// <summary>The running jobs' progress in this process (see <see cref="IImportProgress"/>).</summary>
internal sealed class ImportProgressBoard : IImportProgress
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (int RowsDone, int? RowsTotal)> _jobs = new();

    public void Report(int jobId, int rowsDone, int? rowsTotal) => _jobs[jobId] = (rowsDone, rowsTotal);

    public void Forget(int jobId) => _jobs.TryRemove(jobId, out _);

    public (int RowsDone, int? RowsTotal)? Of(int jobId) => _jobs.TryGetValue(jobId, out var p) ? p : null;
}
