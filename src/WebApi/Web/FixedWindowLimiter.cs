using System.Threading.RateLimiting;

namespace Shop.WebApi.Web;

/// <summary>
/// A fixed-window limiter whose rejections carry the time left in the window as <see cref="MetadataName.RetryAfter"/>.
/// (The framework's <see cref="FixedWindowRateLimiter"/> reports the whole window length whatever is left, so its
/// <c>Retry-After</c> was 60 seconds even a second before the window ended.) A window starts with the first request
/// after the previous one ended; no queue.
/// </summary>
internal sealed class FixedWindowLimiter(int permitLimit, TimeSpan window, TimeProvider time) : RateLimiter
{
    private static readonly RateLimitLease Acquired = new Lease(null);
    private readonly Lock _gate = new();
    private long _windowStart = time.GetTimestamp();
    private int _used;

    /// <summary>Idle (every permit free) since the window ended, or since creation while nothing has been used.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var elapsed = time.GetElapsedTime(_windowStart);
                if (_used == 0) return elapsed;
                return elapsed >= window ? elapsed - window : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
            return new RateLimiterStatistics { CurrentAvailablePermits = permitLimit - CurrentlyUsed() };
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        lock (_gate)
        {
            var used = CurrentlyUsed();
            if (used == 0 && permitCount > 0) _windowStart = time.GetTimestamp();
            if (used + permitCount <= permitLimit && (permitCount > 0 || used < permitLimit))
            {
                _used = used + permitCount;
                return Acquired;
            }
            _used = used;
            var left = window - time.GetElapsedTime(_windowStart);
            return new Lease(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    /// <summary>The permits taken in the current window: none once it has ended.</summary>
    private int CurrentlyUsed() => _used > 0 && time.GetElapsedTime(_windowStart) < window ? _used : 0;

    private sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } value && metadataName == MetadataName.RetryAfter.Name ? value : null;
            return metadata is not null;
        }
    }
}
