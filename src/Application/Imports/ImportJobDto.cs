using System.Text.Json;
using Shop.Domain.Imports;

namespace Shop.Application.Imports;

/// <summary>A row the import refused: its line in the file, the field when one is to blame, and why.</summary>
public sealed record ImportRowError(int Line, string? Field, string Message);

/// <summary>
/// An import job as the API shows it. <see cref="Errors"/> holds at most <see cref="ImportJob.MaxErrorsKept"/> row errors
/// (the first by line); <see cref="ErrorCount"/> counts them all.
/// </summary>
public sealed record ImportJobDto(
    int Id, string FileName, string State, int Attempts, int RowsDone, int? RowsTotal, int Created, int Updated,
    int ErrorCount, IReadOnlyList<ImportRowError> Errors, string? Message,
    DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string StateName(ImportJobState state) => state.ToString().ToLowerInvariant();

    public static string ErrorsJson(IReadOnlyList<ImportRowError> errors) =>
        JsonSerializer.Serialize(errors.Take(ImportJob.MaxErrorsKept), Json);

    /// <summary>The job, with a running job's live progress when this instance runs it (see <see cref="IImportProgress"/>).</summary>
    public static ImportJobDto From(ImportJob job, (int RowsDone, int? RowsTotal)? live = null) => new(
        job.Id, job.FileName, StateName(job.State), job.Attempts,
        job.State == ImportJobState.Running && live is { } l ? l.RowsDone : job.RowsDone,
        job.State == ImportJobState.Running && live is { } t ? t.RowsTotal ?? job.RowsTotal : job.RowsTotal,
        job.Created, job.Updated, job.ErrorCount,
        JsonSerializer.Deserialize<List<ImportRowError>>(job.Errors, Json) ?? [], job.Message,
        job.CreatedAt, job.StartedAt, job.FinishedAt);
}

/// <summary>
/// The progress of the jobs this instance is running, in memory: on SQLite the import's transaction holds the database's
/// write lock, so a progress row could not be written until it ends; on PostgreSQL the heartbeat also stores it.
/// </summary>
public interface IImportProgress
{
    void Report(int jobId, int rowsDone, int? rowsTotal);
    void Forget(int jobId);
    (int RowsDone, int? RowsTotal)? Of(int jobId);
}
