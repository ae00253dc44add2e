using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Products.Commands;
using Shop.WebApi.Web;
using Spectre.Console;

namespace Shop.WebApi.Cli;

/// <summary>
/// <c>import-products FILE.csv</c>: reads the export format and sends one <see cref="ImportProducts"/> (all or nothing).
/// Bad rows are listed by line with the reason, and then nothing is written. Progress goes to stderr: a Spectre.Console
/// bar on a terminal, a plain percentage line per step when stderr is redirected (logs, CI).
/// </summary>
internal static class ImportProductsVerb
{
    private sealed record Outcome(ImportOutcome? Imported, IReadOnlyList<string> Problems);

    public static async Task<int> RunAsync(IServiceProvider services, Args args)
    {
        var file = args.Positional();
        args.RejectUnknown();
        if (file is null) throw new ArgumentException("give the CSV file to import: import-products FILE.csv");
        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"import-products: no such file: {file}");
            return CommandLine.Failed;
        }

        Outcome outcome;
        if (Console.IsErrorRedirected)
        {
            outcome = await ImportAsync(services, file, new LineProgress());
        }
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            outcome = await console.Progress().AutoClear(false).StartAsync(async ctx =>
                await ImportAsync(services, file, new BarProgress(ctx.AddTask("Reading"), ctx.AddTask("Applying"))));
        }

        foreach (var problem in outcome.Problems) await Console.Error.WriteLineAsync($"import-products: {problem}");
        if (outcome.Imported is not { } imported)
        {
            await Console.Error.WriteLineAsync("import-products: nothing was imported.");
            return CommandLine.Failed;
        }
        Console.WriteLine($"Imported {imported.Created + imported.Updated} products: {imported.Created} created, {imported.Updated} updated.");
        return CommandLine.Ok;
    }

    private static async Task<Outcome> ImportAsync(IServiceProvider services, string file, IImportProgress progress)
    {
        var rows = new List<ProductImportRow>();
        var problems = new List<string>();
        await using (var stream = File.OpenRead(file))
        {
            try
            {
                await foreach (var parsed in ProductCsv.ReadAsync(stream))
                {
                    if (parsed.Row is { } row) rows.Add(row);
                    foreach (var error in parsed.Errors) problems.Add($"line {parsed.Line}: {error}");
                    progress.Read(stream.Length == 0 ? 100 : (int)(stream.Position * 100 / stream.Length));
                }
            }
            catch (FormatException ex)
            {
                return new Outcome(null, [ex.Message]);
            }
            progress.Read(100);
        }
        if (problems.Count > 0) return new Outcome(null, problems);

        await using var scope = services.CreateAsyncScope();
        var command = new ImportProducts(rows) { Progress = new Reporter(n => progress.Applied(rows.Count == 0 ? 100 : n * 100 / rows.Count)) };
        try
        {
            var imported = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
            progress.Applied(100);
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

    private interface IImportProgress
    {
        void Read(int percent);

        void Applied(int percent);
    }

    private sealed class BarProgress(ProgressTask reading, ProgressTask applying) : IImportProgress
    {
        public void Read(int percent) => reading.Value = percent;

        public void Applied(int percent) => applying.Value = percent;
    }

    /// <summary>One line per 10 % step, so a redirected log shows progress without a line per row.</summary>
    private sealed class LineProgress : IImportProgress
    {
        private int _read = -1;
        private int _applied = -1;

        public void Read(int percent) => Step("reading", percent, ref _read);

        public void Applied(int percent) => Step("applying", percent, ref _applied);

        private static void Step(string what, int percent, ref int last)
        {
            var step = percent / 10 * 10;
            if (step <= last) return;
            last = step;
            Console.Error.WriteLine($"{what} {step}%");
        }
    }

    // Reports on the caller's thread: Progress<T> would post to the thread pool, out of order.
    private sealed class Reporter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
