namespace Shop.Infrastructure.RateLimiting;

/// <summary>One row of <c>RateLimitWindows</c>: the current (or last) fixed window of one partition.</summary>
internal sealed class RateLimitWindowEntry
{
    /// <summary>The limit's name and the client it counts, e.g. <c>token|203.0.113.7</c>.</summary>
    public string Partition { get; set; } = "";

    /// <summary>Requests counted in the window, rejected ones included (a rejected request still knocked).</summary>
    public int Count { get; set; }

    public DateTime EndsAt { get; set; }
}
