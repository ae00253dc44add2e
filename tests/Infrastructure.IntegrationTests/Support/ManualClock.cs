namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>A clock the test moves by hand; thread-safe so parallel scopes can read it.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);

    /// <summary>Now, cut to whole milliseconds: exactly representable on both databases.</summary>
    public static ManualClock StartingNow()
    {
        var now = DateTimeOffset.UtcNow;
        return new ManualClock(new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero));
    }
}
