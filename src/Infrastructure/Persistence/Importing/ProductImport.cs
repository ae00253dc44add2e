using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using Shop.Application.Common.Interfaces;
using Shop.Application.Products.Commands;

namespace Shop.Infrastructure.Persistence.Importing;

/// <summary>
/// One import: the staged rows live in temporary tables of the import's own transaction (<c>import_rows</c>, one row
/// per file row, and <c>import_tags</c>, one row per tag of a row), so a kill at any point leaves the catalog as it was.
/// Each provider stages rows its fastest way; the checks and the writes are the same SQL on both (<see cref="ImportSql"/>).
/// </summary>
internal abstract class ProductImport(DbConnection connection, IDbContextTransaction transaction) : IProductImport
{
    protected DbConnection Connection => connection;

    protected DbTransaction Transaction => transaction.GetDbTransaction();

    /// <summary>Creates the (empty) staging tables.</summary>
    protected abstract IReadOnlyList<string> CreateStagingSql { get; }

    /// <summary>Once every row is staged: what the provider needs before the set-based statements (tags split out, statistics, indexes).</summary>
    protected abstract IReadOnlyList<string> AfterStagingSql { get; }

    /// <summary>Drops the staging tables before the commit (PostgreSQL drops its own at commit).</summary>
    protected abstract IReadOnlyList<string> DropStagingSql { get; }

    /// <summary>Writes the rows into <c>import_rows</c> (and their tags); returns how many.</summary>
    protected abstract Task<int> WriteRowsAsync(IAsyncEnumerable<StagedRow> rows, CancellationToken cancellationToken);

    /// <summary>How the provider writes the history's JSON in SQL.</summary>
    protected abstract ImportJson Json { get; }

    /// <summary>Writes the "created" history entries once the new products have their ids.</summary>
    protected abstract string CreatedHistorySql { get; }

    /// <summary>A timestamp as the provider's columns store it.</summary>
    protected abstract object StoredTime(DateTime utc);

    public async Task CreateStagingAsync(CancellationToken cancellationToken)
    {
        foreach (var sql in CreateStagingSql) await ExecuteAsync(sql, null, cancellationToken);
    }

    public async Task<int> StageAsync(IAsyncEnumerable<ProductImportRow> rows, CancellationToken cancellationToken)
    {
        var count = await WriteRowsAsync(StagedRow.From(rows, cancellationToken), cancellationToken);
        foreach (var sql in AfterStagingSql) await ExecuteAsync(sql, null, cancellationToken);
        return count;
    }

    public async Task<IReadOnlyList<StagedRowProblem>> CheckAsync(IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var steps = ImportSql.Resolve.Count + 7;
        var done = 0;
        void Step() => progress?.Report(new ImportProgress("checking", ++done, steps));
        progress?.Report(new ImportProgress("checking", 0, steps));

        foreach (var sql in ImportSql.Resolve)
        {
            await ExecuteAsync(sql, null, cancellationToken);
            Step();
        }
        var problems = new List<StagedRowProblem>();
        await ReadAsync(ImportSql.UnknownCategories, r => problems.Add(new UnknownCategory(r.GetInt32(0), r.GetString(1))), cancellationToken);
        Step();
        // One row per unknown tag, in line then position order: gathered into one problem per line.
        var tags = new List<(int Line, string Slug)>();
        await ReadAsync(ImportSql.UnknownTags, r => tags.Add((r.GetInt32(0), r.GetString(1))), cancellationToken);
        problems.AddRange(tags.GroupBy(t => t.Line).Select(g => new UnknownTags(g.Key, g.Select(t => t.Slug).ToList())));
        Step();
        await ReadAsync(ImportSql.RepeatedSlugs, r => problems.Add(new RepeatedSlug(r.GetInt32(0), r.GetString(1), r.GetInt32(2))), cancellationToken);
        Step();
        await ReadAsync(ImportSql.RepeatedNames, r => problems.Add(new RepeatedName(r.GetInt32(0), r.GetString(1), r.GetInt32(2))), cancellationToken);
        Step();
        await ReadAsync(ImportSql.NamesTaken, r => problems.Add(new NameTaken(r.GetInt32(0), r.GetString(1), r.GetString(2))), cancellationToken);
        Step();
        await ReadAsync(ImportSql.SlugsKeptAsRedirects, r => problems.Add(new SlugKeptAsRedirect(r.GetInt32(0), r.GetString(1), r.GetString(2))), cancellationToken);
        Step();
        await ReadAsync(ImportSql.RefusedStatusMoves,
            r => problems.Add(new StatusMoveRefused(r.GetInt32(0), ProductConfiguration.StoredStatus(r.GetString(1)), ProductConfiguration.StoredStatus(r.GetString(2)))), cancellationToken);
        Step();
        return problems.OrderBy(p => p.Line).ToList();
    }

    public async Task<ImportOutcome> ApplyAsync(DateTime now, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        // The history of the updates is read before the writes replace the old values; that of the creates once they have ids.
        List<string> statements =
            [ImportSql.MarkChanged, ImportHistorySql.Updated(Json), .. ImportSql.Apply, CreatedHistorySql, .. DropStagingSql];
        progress?.Report(new ImportProgress("writing", 0, statements.Count + 1));
        // Counted before the staging tables go.
        var (total, created) = (0, 0);
        await ReadAsync(ImportSql.Counts, r => (total, created) = (Convert.ToInt32(r.GetValue(0)), r.IsDBNull(1) ? 0 : Convert.ToInt32(r.GetValue(1))), cancellationToken);
        try
        {
            for (var i = 0; i < statements.Count; i++)
            {
                await ExecuteAsync(statements[i], now, cancellationToken);
                progress?.Report(new ImportProgress("writing", i + 1, statements.Count + 1));
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException ex) when (DatabaseErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
        progress?.Report(new ImportProgress("writing", statements.Count + 1, statements.Count + 1));
        return new ImportOutcome(created, total - created);
    }

    public async ValueTask DisposeAsync()
    {
        // Not committed: disposing the transaction rolls back the staging tables and anything written.
        await transaction.DisposeAsync();
    }

    protected DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        // Statements over a million rows take longer than the default 30 s; the caller's token still cancels them.
        command.CommandTimeout = 0;
        return command;
    }

    private async Task ExecuteAsync(string sql, DateTime? now, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        if (now is { } time)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@now";
            parameter.Value = StoredTime(time);
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ReadAsync(string sql, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) row(reader);
    }
}
