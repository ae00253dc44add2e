namespace Shop.Domain.Imports;

public enum ImportJobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// A CSV import run in the background (<c>POST /api/imports</c>): queued with its file, claimed by one worker, and
/// ended with the import's outcome. The import itself is one transaction, so a job is never half-applied: a job whose
/// worker died while running is queued again (the catalog holds nothing of it) until <see cref="MaxAttempts"/>.
/// </summary>
public sealed class ImportJob
{
    /// <summary>Runs a job may start; after that many interrupted ones it fails instead of being queued again.</summary>
    public const int MaxAttempts = 3;

    /// <summary>How many row errors a job keeps (the first by line); <see cref="ErrorCount"/> counts them all.</summary>
    public const int MaxErrorsKept = 1000;

    private ImportJob() { }

    public int Id { get; private set; }
    public string FileName { get; private set; } = "";
    public ImportJobState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }

    /// <summary>When the running worker last said it is alive (see <see cref="MaxAttempts"/>).</summary>
    public DateTime? HeartbeatAt { get; private set; }

    public int? RowsTotal { get; private set; }
    public int RowsDone { get; private set; }
    public int Created { get; private set; }
    public int Updated { get; private set; }
    public int ErrorCount { get; private set; }

    /// <summary>The row errors as JSON (<c>[{line, field, message}]</c>), at most <see cref="MaxErrorsKept"/>.</summary>
    public string Errors { get; private set; } = "[]";

    /// <summary>Why the job failed, in a sentence.</summary>
    public string? Message { get; private set; }

    public static ImportJob Queue(string fileName, DateTime now) => new()
    {
        FileName = string.IsNullOrWhiteSpace(fileName) ? "import.csv" : fileName.Trim()[..Math.Min(fileName.Trim().Length, 200)],
        State = ImportJobState.Queued,
        CreatedAt = now,
    };
}
