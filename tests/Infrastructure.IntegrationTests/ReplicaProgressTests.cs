using Microsoft.Extensions.Logging;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence.Replication;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture]
public sealed class ReplicaProgressTests
{
    private sealed class FakePosition : IReplicaPosition
    {
        public ulong Replayed { get; set; }
        public Exception? Failure { get; set; }
        public int Asked;

        public Task<ulong> ReplayedAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Asked);
            return Failure is null ? Task.FromResult(Replayed) : Task.FromException<ulong>(Failure);
        }
    }

    private sealed class CountingLogger : ILogger<ReplicaProgress>
    {
        public int Warnings;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Interlocked.Increment(ref Warnings);
        }
    }

    private FakePosition _replica = null!;
    private ManualClock _clock = null!;
    private CountingLogger _log = null!;
    private ReplicaProgress _progress = null!;

    [SetUp]
    public void Create()
    {
        (_replica, _clock, _log) = (new FakePosition(), ManualClock.StartingNow(), new CountingLogger());
        _progress = new ReplicaProgress(_replica, _clock, _log);
    }

    [Test]
    public void Nothing_written_yet_the_replica_may_be_read_without_asking_it()
    {
        Assert.That(_progress.MayRead(), Is.True);
        Assert.That(_replica.Asked, Is.Zero);
    }

    [Test]
    public async Task After_a_write_the_replica_is_read_only_once_it_has_replayed_the_write()
    {
        _replica.Replayed = 100;
        _progress.Require(200);

        Assert.That(_progress.MayRead(), Is.False, "behind the write");
        await WaitForPollsAsync(1);
        Assert.That(_progress.MayRead(), Is.False, "a poll that found it still behind");

        _replica.Replayed = 200;
        _clock.Advance(ReplicaProgress.PollEvery);
        _progress.MayRead();
        await WaitForPollsAsync(2);
        Assert.That(_progress.MayRead(), Is.True);
    }

    [Test]
    public async Task Readers_waiting_for_the_replica_ask_it_at_most_once_per_poll_interval()
    {
        _progress.Require(1);

        for (var i = 0; i < 50; i++) _progress.MayRead();
        await WaitForPollsAsync(1);
        for (var i = 0; i < 50; i++) _progress.MayRead();
        await Task.Delay(100);

        Assert.That(_replica.Asked, Is.EqualTo(1));
    }

    [Test]
    public async Task A_failing_replica_is_left_until_it_answers_again_with_one_warning_per_outage()
    {
        _progress.ReportFailure(new TimeoutException("first"));
        _progress.ReportFailure(new TimeoutException("second"));
        Assert.That(_progress.MayRead(), Is.False);
        Assert.That(_log.Warnings, Is.EqualTo(1));

        _clock.Advance(ReplicaProgress.RetryDownEvery);
        _progress.MayRead(); // starts the retry
        await WaitForPollsAsync(1);

        Assert.That(_progress.MayRead(), Is.True);
        _progress.ReportFailure(new TimeoutException("next outage"));
        Assert.That(_log.Warnings, Is.EqualTo(2));
    }

    [Test]
    public void A_position_that_fails_to_be_read_counts_as_an_outage()
    {
        _replica.Failure = new TimeoutException("no answer");

        Assert.ThrowsAsync<TimeoutException>(() => _progress.PollAsync(CancellationToken.None));
        Assert.That(_progress.MayRead(), Is.False);
    }

    [Test]
    public void Wal_positions_compare_as_numbers()
    {
        Assert.That(Lsn.Parse("16/B374D848"), Is.EqualTo((0x16UL << 32) | 0xB374D848UL));
        Assert.That(Lsn.Parse("1/0"), Is.GreaterThan(Lsn.Parse("0/FFFFFFFF")));
    }

    private async Task WaitForPollsAsync(int count)
    {
        for (var i = 0; i < 200 && Volatile.Read(ref _replica.Asked) < count; i++) await Task.Delay(10);
        await Task.Delay(20); // the poll records what it read just after asking
        Assert.That(_replica.Asked, Is.GreaterThanOrEqualTo(count));
    }
}
