using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Products.Commands;
using Shop.WebApi.Web;

namespace Shop.WebApi.Cli;

/// <summary>
/// <c>import-products FILE.csv</c>: reads the export format and sends one <see cref="ImportProducts"/> (all or nothing).
/// Bad rows are listed by line with the reason, and then nothing is written. The file streams through the import
/// (never held in memory). Progress goes to stderr, one step for reading (and staging) the file, then one each for
/// the checks and the writes, as <c>seed --count</c> shows it; the problems are listed once the progress display has
/// ended, so they start on lines of their own.
/// </summary>
internal static class ImportProductsVerb
{
    private sealed record Outcome(ImportOutcome? Imported, IReadOnlyList<string> Problems);

    public static async Task<int> RunAsync(IServiceProvider services, string file, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"import-products: no such file: {file}");
            return CommandLine.Failed;
        }

        var outcome = await ProgressDisplay.RunAsync(steps => ImportAsync(services, file, steps, ct));
        foreach (var problem in outcome.Problems) await Console.Error.WriteLineAsync($"import-products: {problem}");
        if (outcome.Imported is not { } imported)
        {
            await Console.Error.WriteLineAsync("import-products: nothing was imported.");
            return CommandLine.Failed;
        }
        await CommandLine.AnnounceCatalogWriteAsync(services);
        Console.WriteLine($"Imported {imported.Created + imported.Updated} products: {imported.Created} created, {imported.Updated} updated.");
        return CommandLine.Ok;
    }

    private static async Task<Outcome> ImportAsync(IServiceProvider services, string file, IProgressSteps steps, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        var step = steps.Start("reading (bytes)", stream.Length);
        var stepName = "reading";

        // The rows are read as the import stages them: the file is never held, and the reading bar is the staging's.
        async IAsyncEnumerable<ProductImportRow> Rows()
        {
            await foreach (var row in ProductCsv.ReadAsync(stream, ct))
            {
                yield return row;
                step.Report(stream.Position);
            }
            step.Done();
        }

        // Then the import's own steps (checking, writing), each as a bar of its statements.
        void Moved(ImportProgress progress)
        {
            if (progress.Step != stepName)
            {
                step.Done();
                (step, stepName) = (steps.Start($"{progress.Step} (statements)", progress.Total), progress.Step);
            }
            step.Report(progress.Done);
        }

        await using var scope = services.CreateAsyncScope();
        var command = new ImportProducts(Rows()) { Progress = new SyncProgress<ImportProgress>(Moved) };
        try
        {
            var imported = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, ct);
            step.Done();
            return new Outcome(imported, []);
        }
        catch (FormatException ex)
        {
            return new Outcome(null, [ex.Message]);
        }
        catch (ValidationException ex)
        {
            return new Outcome(null, ex.Errors.SelectMany(e => e.Value.Select(m => e.Key.Length > 0 ? $"{e.Key}: {m}" : m)).ToList());
        }
        catch (ConflictException ex)
        {
            return new Outcome(null, [ex.Message]);
        }
    }
}
