using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Products.Commands;
using Shop.WebApi.Web;

namespace Shop.WebApi.Cli;

/// <summary>
/// <c>import-products FILE.csv</c>: reads the export format and sends one <see cref="ImportProducts"/> (all or nothing).
/// Bad rows are listed by line with the reason, and then nothing is written. Progress goes to stderr, one step for
/// reading the file and one for applying its rows, as <c>seed --count</c> shows it; the problems are listed once
/// the progress display has ended, so they start on lines of their own.
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
        Console.WriteLine($"Imported {imported.Created + imported.Updated} products: {imported.Created} created, {imported.Updated} updated.");
        return CommandLine.Ok;
    }

    private static async Task<Outcome> ImportAsync(IServiceProvider services, string file, IProgressSteps steps, CancellationToken ct)
    {
        var rows = new List<ProductImportRow>();
        var problems = new List<string>();
        await using (var stream = File.OpenRead(file))
        {
            var reading = steps.Start("reading (bytes)", stream.Length);
            try
            {
                await foreach (var parsed in ProductCsv.ReadAsync(stream, ct))
                {
                    if (parsed.Row is { } row) rows.Add(row);
                    foreach (var error in parsed.Errors) problems.Add($"line {parsed.Line}: {error}");
                    reading.Report(stream.Position);
                }
            }
            catch (FormatException ex)
            {
                return new Outcome(null, [ex.Message]);
            }
            reading.Done();
        }
        if (problems.Count > 0) return new Outcome(null, problems);

        await using var scope = services.CreateAsyncScope();
        var applying = steps.Start("applying (rows)", rows.Count);
        var command = new ImportProducts(rows) { Progress = new SyncProgress<int>(n => applying.Report(n)) };
        try
        {
            var imported = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, ct);
            applying.Done();
            return new Outcome(imported, []);
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
