using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>Large totals are remembered for a minute; a stale one is recounted by one caller while the others keep it.</summary>
public sealed class LargeCountsTests
{
    private readonly ManualClock _clock = ManualClock.StartingNow();

    [Test]
    public void A_fresh_total_is_answered_from_memory()
    {
        using var counts = new LargeCounts(_clock);
        counts.Remember("list", 1_000_000);

        Assert.That(counts.TryGet("list", out var total), Is.True);
        Assert.That(total, Is.EqualTo(1_000_000));
        Assert.That(counts.TryGet("other list", out _), Is.False);
    }

    [Test]
    public void A_stale_total_is_recounted_by_one_caller_while_the_others_keep_answering_it()
    {
        using var counts = new LargeCounts(_clock);
        counts.Remember("list", 1_000_000);
        _clock.Advance(TimeSpan.FromSeconds(61));

        var first = counts.TryGet("list", out _);
        var others = Enumerable.Range(0, 31).Select(_ => (Found: counts.TryGet("list", out var t), Total: t)).ToList();

        Assert.That(first, Is.False, "the first caller after the minute recounts");
        Assert.That(others, Has.All.EqualTo((true, 1_000_000)), "the others answer the remembered total meanwhile");
        counts.Remember("list", 1_000_001);
        Assert.That(counts.TryGet("list", out var recounted) && recounted == 1_000_001, Is.True);
    }

    [Test]
    public void A_failed_recount_lets_the_next_caller_try_again()
    {
        using var counts = new LargeCounts(_clock);
        counts.Remember("list", 1_000_000);
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That(counts.TryGet("list", out _), Is.False);

        counts.RecountFailed("list");

        Assert.That(counts.TryGet("list", out _), Is.False, "the next caller recounts");
        Assert.That(counts.TryGet("list", out _), Is.True);
    }

    [Test]
    public void A_list_back_under_the_limit_is_forgotten()
    {
        using var counts = new LargeCounts(_clock);
        counts.Remember("list", 1_000_000);

        counts.Forget("list");

        Assert.That(counts.TryGet("list", out _), Is.False);
    }
}
