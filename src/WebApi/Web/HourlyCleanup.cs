namespace Shop.WebApi.Web;

/// <summary>
/// Removes rows that have served their time, at start and then once an hour; a failure is logged and tried again at the
/// next hour (the rows are harmless meanwhile: every reader already treats them as gone).
/// </summary>
internal abstract class HourlyCleanup(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>What is removed, for the log: "expired idempotency keys".</summary>
    protected abstract string What { get; }

    /// <summary>Removes what has served its time at <paramref name="now"/>; answers how many rows went.</summary>
    protected abstract Task<int> RemoveAsync(DateTime now, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                var removed = await RemoveAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
                if (removed > 0) logger.LogInformation("Removed {Count} {What}", removed, What);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not remove {What}; trying again in an hour", What);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
