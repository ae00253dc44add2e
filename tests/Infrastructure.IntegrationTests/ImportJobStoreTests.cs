using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Imports;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.Imports;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class ImportJobStoreTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    private Task<int> QueueAsync(byte[]? file = null) => InScope(async sp =>
        (await sp.GetRequiredService<IImportJobStore>().QueueAsync(ImportJob.Queue("a.csv", Now), file ?? [1, 2, 3], CancellationToken.None)).Id);

    private Task<ClaimedImport?> ClaimAsync() => InScope(sp => sp.GetRequiredService<IImportJobStore>().ClaimNextAsync(Now, CancellationToken.None));

    private Task<(int, int)> RecoverAsync(DateTime silentSince) =>
        InScope(sp => sp.GetRequiredService<IImportJobStore>().RecoverAsync(silentSince, Now, CancellationToken.None));

    private Task<ImportJob> JobAsync(int id) => InScope(async sp => (await sp.GetRequiredService<IImportJobStore>().GetAsync(id, CancellationToken.None))!);

    [Test]
    public async Task A_queued_job_is_claimed_by_exactly_one_of_many_workers_with_its_file()
    {
        var id = await QueueAsync([7, 8, 9]);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(ClaimAsync)));

        var won = claims.Where(c => c is not null).ToList();
        Assert.That(won, Has.Count.EqualTo(1));
        Assert.That((won[0]!.Id, won[0]!.Attempt, won[0]!.File), Is.EqualTo((id, 1, new byte[] { 7, 8, 9 })));
        Assert.That((await JobAsync(id)).State, Is.EqualTo(ImportJobState.Running));
    }

    [Test]
    public async Task Queueing_jobs_wakes_this_process_s_worker_once()
    {
        var signal = await InScope(sp => Task.FromResult(sp.GetRequiredService<ImportQueueSignal>()));
        await WokenAsync(signal, TimeSpan.FromMilliseconds(50)); // whatever earlier tests left
        Assert.That(await WokenAsync(signal, TimeSpan.FromMilliseconds(200)), Is.False, "nothing queued");

        await QueueAsync();
        await QueueAsync();

        Assert.That(await WokenAsync(signal, TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(await WokenAsync(signal, TimeSpan.FromMilliseconds(200)), Is.False, "one wake-up: the worker claims until no job is left");
    }

    private static async Task<bool> WokenAsync(ImportQueueSignal signal, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await signal.WaitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [Test]
    public async Task A_running_job_whose_worker_went_silent_is_queued_again_and_claimed_as_a_new_attempt()
    {
        var id = await QueueAsync();
        await ClaimAsync();

        Assert.That(await RecoverAsync(Now.AddSeconds(-60)), Is.EqualTo((0, 0)), "a job heard of just now is left running");
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That(await RecoverAsync(Now.AddSeconds(-60)), Is.EqualTo((1, 0)));
        Assert.That((await JobAsync(id)).State, Is.EqualTo(ImportJobState.Queued));
        Assert.That((await ClaimAsync())!.Attempt, Is.EqualTo(2));
    }

    [Test]
    public async Task A_job_interrupted_on_every_attempt_fails_with_the_reason()
    {
        var id = await QueueAsync();
        for (var attempt = 1; attempt <= ImportJob.MaxAttempts; attempt++)
        {
            Assert.That((await ClaimAsync())!.Attempt, Is.EqualTo(attempt));
            Clock.Advance(TimeSpan.FromMinutes(2));
            await RecoverAsync(Now.AddSeconds(-60));
        }

        var job = await JobAsync(id);
        Assert.That(job.State, Is.EqualTo(ImportJobState.Failed));
        Assert.That(job.Message, Does.Contain("interrupted"));
        Assert.That(await ClaimAsync(), Is.Null);
    }

    [Test]
    public async Task Deleting_a_job_deletes_its_file() => await WithDb(async db =>
    {
        var id = await QueueAsync();
        await db.ImportJobs.Where(j => j.Id == id).ExecuteDeleteAsync();
        Assert.That(await db.Set<ImportJob>().CountAsync(j => j.Id == id), Is.Zero);
        Assert.That(await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"ImportJobFiles\"").SingleAsync(), Is.Zero);
        return 0;
    });
}
