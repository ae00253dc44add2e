using Shop.Application.Common.RateLimiting;

namespace Shop.Application.Common.Interfaces;

/// <summary>
/// Fixed-window request counts kept where every instance of the app sees them (the shop's database), so a limit holds
/// across instances. Counting is one atomic step: of N requests counted at once, each gets its own place in the window.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>
    /// Counts one request of <paramref name="partition"/>: in its current window, or in a new one of length
    /// <paramref name="window"/> starting at <paramref name="now"/> when the last one has ended. Answers the window after it.
    /// </summary>
    Task<RateWindow> CountAsync(string partition, TimeSpan window, DateTime now, CancellationToken cancellationToken);

    /// <summary>Removes the windows that ended at or before <paramref name="now"/>; answers how many.</summary>
    Task<int> RemoveEndedAsync(DateTime now, CancellationToken cancellationToken);
}
