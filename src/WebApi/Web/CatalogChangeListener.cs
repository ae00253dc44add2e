using Shop.Infrastructure.Persistence.Replication;

namespace Shop.WebApi.Web;

/// <summary>
/// Listens for other processes' catalog writes (<see cref="CatalogChanges"/>, PostgreSQL) and evicts this server's cached
/// answers at once. Runs only in a server (not in CLI verbs), on a connection of its own; when that connection breaks it
/// reconnects with a growing pause (0.5 s up to 30 s) and, once listening again, evicts everything, because writes made
/// while it was away were announced to nobody here.
/// </summary>
internal sealed class CatalogChangeListener(CatalogChanges changes, CatalogEviction eviction, TimeProvider clock, ILogger<CatalogChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = FirstPause;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changes.ListenAsync(
                    listening: async () =>
                    {
                        if (failing) logger.LogInformation("Listening for catalog changes again.");
                        (pause, failing) = (FirstPause, false);
                        await eviction.AfterOtherWriteAsync(null);
                    },
                    changed: eviction.AfterOtherWriteAsync,
                    stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Once per outage: the cached answers still run out on their own meanwhile (OutputCache__Seconds).
                if (!failing) logger.LogWarning(ex, "Not listening for catalog changes; other servers' writes show here when cached answers run out. Retrying.");
                failing = true;
                await Task.Delay(pause, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }
}
