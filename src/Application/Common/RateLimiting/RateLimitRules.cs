namespace Shop.Application.Common.RateLimiting;

/// <summary>
/// One fixed window of a partition as the store counted it: the requests made in it so far, the one just counted
/// included, and when it ends. Shared by every instance of the app, so N instances allow what one allows.
/// </summary>
public readonly record struct RateWindow(int Count, DateTime EndsAt);

/// <summary>What a counted window means for the request that was just counted.</summary>
public static class RateLimitRules
{
    /// <summary>
    /// Null while the request is within the limit; otherwise the <c>Retry-After</c> to answer: the whole seconds until the
    /// window ends (rounded up, so a client that waits that long is let in), at least 1.
    /// </summary>
    public static int? RetryAfterSeconds(RateWindow window, int permitLimit, DateTime now)
    {
        if (window.Count <= permitLimit) return null;
        var left = (window.EndsAt - now).TotalSeconds;
        return Math.Max(1, (int)Math.Ceiling(left));
    }
}
