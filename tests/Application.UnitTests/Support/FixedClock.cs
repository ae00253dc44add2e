namespace Shop.Application.UnitTests.Support;

/// <summary>A clock that always says the same time.</summary>
internal sealed class FixedClock(DateTime utcNow) : TimeProvider
{
    public static readonly DateTime Now = new(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);

    public FixedClock() : this(Now) { }

    public DateTime UtcNow { get; } = utcNow;

    public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);
}
