using System.Globalization;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Imports;
using Shop.Application.Products.Commands;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.Imports;
using Shop.WebApi.Web;

namespace Shop.WebApi.Jobs;

/// <summary>
/// Runs queued import jobs one at a time, through the same <see cref="ImportProducts"/> as the CLI's <c>import-products</c>
/// (one transaction, all or nothing). Any number of instances may run it: a job is claimed by a conditional UPDATE.
/// <para>
/// A job is never half-written: its import commits once, at its end. If the process dies while it runs, the job is
/// found <c>running</c> with a silent heartbeat and queued again from the start (up to <see cref="Domain.Imports.ImportJob.MaxAttempts"/>
/// runs, then failed). On PostgreSQL the worker writes a heartbeat with the progress every few seconds from a connection of
/// its own, and a job silent for a minute is taken back. On SQLite the import's transaction holds the database's write lock,
/// so no heartbeat can be written while it runs: progress lives in memory only (<see cref="IImportProgress"/>), and a job
/// found running when the server starts is taken back at once (one server per SQLite file).
/// </para>
/// </summary>
internal sealed class ImportJobWorker(
    IServiceScopeFactory scopes, IImportProgress progress, ImportQueueSignal queued, DatabaseSettings database, CatalogEviction eviction,
    TimeProvider clock, ILogger<ImportJobWorker> logger)
    : BackgroundService
{
    // Idle, the worker looks for queued and abandoned jobs this often: an upload to this instance wakes it at once
    // (ImportQueueSignal), so this bounds only how soon another instance's upload or a dead server's job is taken.
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SilentAfter = TimeSpan.FromSeconds(60);

    private bool Sqlite => database.Provider == DatabaseProvider.Sqlite;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var starting = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var jobs = scope.ServiceProvider.GetRequiredService<IImportJobStore>();
                var now = clock.GetUtcNow().UtcDateTime;
                var (requeued, failed) = await jobs.RecoverAsync(starting && Sqlite ? now : now - SilentAfter, now, stoppingToken);
                if (requeued + failed > 0)
                    logger.LogWarning("Import jobs whose server stopped while they ran: {Requeued} queued again, {Failed} failed.", requeued, failed);
                starting = false;
                if (await jobs.ClaimNextAsync(now, stoppingToken) is { } job) await RunAsync(job, stoppingToken);
                else await IdleAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: a job cut short here is rolled back and taken back as an interrupted one.
                return;
            }
            catch (Exception ex)
            {
                // The database may be away (or not migrated yet): try again shortly, never stop the worker.
                logger.LogError(ex, "The import worker failed; retrying.");
                await Task.Delay(IdlePoll, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Waits until a job is queued here or <see cref="IdlePoll"/> has passed; throws only when stopping.</summary>
    private async Task IdleAsync(CancellationToken stoppingToken)
    {
        using var idle = new CancellationTokenSource(IdlePoll, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(idle.Token, stoppingToken);
        try
        {
            await queued.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Time to look again.
        }
    }

    private async Task RunAsync(ClaimedImport job, CancellationToken stoppingToken)
    {
        logger.LogInformation("Import job {Id} started (attempt {Attempt}).", job.Id, job.Attempt);
        var (done, total) = (0, (int?)null);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = Sqlite ? Task.CompletedTask : HeartbeatAsync(job.Id, () => (done, total), running.Token);
        try
        {
            total = await CountRowsAsync(job.File, stoppingToken);
            progress.Report(job.Id, 0, total);

            async IAsyncEnumerable<ProductImportRow> Rows()
            {
                await foreach (var row in ProductCsv.ReadAsync(new MemoryStream(job.File, writable: false), stoppingToken))
                {
                    yield return row;
                    if (++done % 500 == 0) progress.Report(job.Id, done, total);
                }
                progress.Report(job.Id, done, total);
            }

            await using var scope = scopes.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ImportProducts(Rows()), stoppingToken);
            await StopAsync(running, heartbeat);
            // No request evicts for a job: the import committed, so every server's cached answers go now.
            await eviction.AfterWriteAsync(CancellationToken.None);
            await FinishAsync(jobs => jobs.SucceedAsync(job.Id, total ?? done, outcome.Created, outcome.Updated, Now, CancellationToken.None));
            logger.LogInformation("Import job {Id} succeeded: {Created} created, {Updated} updated.", job.Id, outcome.Created, outcome.Updated);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            await StopAsync(running, heartbeat);
            var (message, errors) = Failure(ex);
            if (errors.Count == 0 && ex is not (FormatException or ConflictException or UnsupportedMediaTypeException))
                logger.LogError(ex, "Import job {Id} failed.", job.Id);
            await FinishAsync(jobs => jobs.FailAsync(job.Id, message, errors, done, total, Now, CancellationToken.None));
        }
        finally
        {
            progress.Forget(job.Id);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static (string Message, IReadOnlyList<ImportRowError> Errors) Failure(Exception ex) => ex switch
    {
        ValidationException { Rows.Count: > 0 } v => (
            $"{v.Rows.Select(r => r.Line).Distinct().Count().ToString(CultureInfo.InvariantCulture)} row(s) were refused; nothing was imported.", v.Rows),
        ValidationException v => (string.Join(" ", v.Errors.SelectMany(e => e.Value)) + " Nothing was imported.", []),
        FormatException or ConflictException => (ex.Message + " Nothing was imported.", []),
        _ => ("The import failed unexpectedly; nothing was imported.", []),
    };

    /// <summary>The job's end, written in a scope of its own (the import's is gone, rolled back or committed).</summary>
    private async Task FinishAsync(Func<IImportJobStore, Task> write)
    {
        await using var scope = scopes.CreateAsyncScope();
        await write(scope.ServiceProvider.GetRequiredService<IImportJobStore>());
    }

    private static async Task<int> CountRowsAsync(byte[] file, CancellationToken cancellationToken)
    {
        var rows = 0;
        await foreach (var _ in ProductCsv.ReadAsync(new MemoryStream(file, writable: false), cancellationToken)) rows++;
        return rows;
    }

    private async Task HeartbeatAsync(int id, Func<(int Done, int? Total)> read, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(HeartbeatEvery, clock, cancellationToken);
                var (done, total) = read();
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IImportJobStore>().HeartbeatAsync(id, done, total, Now, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Import job {Id}: the heartbeat could not be written.", id);
            }
        }
    }

    private static async Task StopAsync(CancellationTokenSource running, Task heartbeat)
    {
        await running.CancelAsync();
        await heartbeat;
    }
}
