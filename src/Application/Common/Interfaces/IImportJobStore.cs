using Shop.Application.Imports;
using Shop.Domain.Imports;

namespace Shop.Application.Common.Interfaces;

/// <summary>
/// Where import jobs and their files are kept (the database, so every instance sees them and a restart loses none).
/// The state moves are single conditional <c>UPDATE</c>s, so two workers never run the same job.
/// </summary>
public interface IImportJobStore
{
    /// <summary>Saves a queued job with its file; answers the job with its id.</summary>
    Task<ImportJob> QueueAsync(ImportJob job, byte[] file, CancellationToken cancellationToken);

    Task<ImportJob?> GetAsync(int id, CancellationToken cancellationToken);

    /// <summary>The newest jobs first.</summary>
    Task<IReadOnlyList<ImportJob>> ListAsync(int skip, int take, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>Takes the oldest queued job for this worker (running, one more attempt); null when none is queued.</summary>
    Task<ClaimedImport?> ClaimNextAsync(DateTime now, CancellationToken cancellationToken);

    /// <summary>Records that a running job's worker is alive, with its progress.</summary>
    Task HeartbeatAsync(int id, int rowsDone, int? rowsTotal, DateTime now, CancellationToken cancellationToken);

    Task SucceedAsync(int id, int rows, int created, int updated, DateTime now, CancellationToken cancellationToken);

    Task FailAsync(int id, string message, IReadOnlyList<ImportRowError> errors, int rowsDone, int? rowsTotal, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// Running jobs last heard of before <paramref name="silentSince"/> (their worker died): queued again, or failed once
    /// they have used every attempt. Answers how many were queued again and how many failed.
    /// </summary>
    Task<(int Requeued, int Failed)> RecoverAsync(DateTime silentSince, DateTime now, CancellationToken cancellationToken);
}

/// <summary>A job claimed by this worker, with its file.</summary>
public sealed record ClaimedImport(int Id, int Attempt, byte[] File);
