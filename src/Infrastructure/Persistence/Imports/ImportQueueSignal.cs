namespace Shop.Infrastructure.Persistence.Imports;

/// <summary>
/// Wakes this process's import worker when a job is queued here, so the worker can look for work rarely when idle (each
/// look is a few statements on the primary, per instance) and still start an upload at once. Jobs queued on another
/// instance are found at the worker's next look.
/// </summary>
public sealed class ImportQueueSignal
{
    private readonly SemaphoreSlim _queued = new(0, 1);

    public void Wake()
    {
        try
        {
            _queued.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: one wake-up covers every job queued before the worker looks.
        }
    }

    /// <summary>Returns when a job was queued since the last wait, or when <paramref name="cancellationToken"/> fires (throws then).</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _queued.WaitAsync(cancellationToken);
}
