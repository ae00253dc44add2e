using Spectre.Console;
using Spectre.Console.Rendering;

namespace Shop.WebApi.Cli;

/// <summary>The steps of one verb's long work, each with its own progress.</summary>
internal interface IProgressSteps
{
    IProgressStep Start(string label, long total);
}

/// <summary>One step: how far it has got (out of its total), and that it is done.</summary>
internal interface IProgressStep
{
    void Report(long done);

    void Done();
}

/// <summary>
/// Progress goes to stderr, so stdout keeps only the verb's result. On a terminal it is a live Spectre.Console
/// display (bar, percentage, count, time left); redirected (CI logs, a file) it is one plain line per 10 %,
/// with no escape codes or carriage returns to garble a log.
/// </summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(Func<IProgressSteps, Task<T>> work)
    {
        if (Console.IsErrorRedirected) return await work(new PlainSteps(Console.Error));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            // stderr is a terminal even when stdin is not (`seed --count N < /dev/null`); the display reads no keys.
            Interactive = InteractionSupport.Yes,
        });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new CountColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(context => work(new SpectreSteps(context)));
    }

    private sealed class SpectreSteps(ProgressContext context) : IProgressSteps
    {
        public IProgressStep Start(string label, long total)
        {
            var task = context.AddTask(Markup.Escape(label), autoStart: true, maxValue: Math.Max(total, 1));
            task.Tag = total;
            return new SpectreStep(task);
        }
    }

    private sealed class SpectreStep(ProgressTask task) : IProgressStep
    {
        public void Report(long done) => task.Value = done;

        public void Done()
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }

    /// <summary><c>1234/5000</c>: the step's own unit (rows, bytes, products), not a percentage.</summary>
    private sealed class CountColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var total = task.Tag is long t ? t : (long)task.MaxValue;
            return new Text($"{Math.Min((long)task.Value, total)}/{total}");
        }
    }

    private sealed class PlainSteps(TextWriter output) : IProgressSteps
    {
        public IProgressStep Start(string label, long total) => new PlainStep(output, label, total);
    }

    private sealed class PlainStep(TextWriter output, string label, long total) : IProgressStep
    {
        private const int Every = 10;
        private int _lastPercent = -1;

        public void Report(long done)
        {
            var percent = total == 0 ? 100 : (int)(Math.Clamp(done, 0, total) * 100 / total);
            if (percent / Every == _lastPercent / Every && _lastPercent >= 0) return;
            _lastPercent = percent;
            output.WriteLine($"{label} {percent,3}% {Math.Clamp(done, 0, total)}/{total}");
        }

        public void Done()
        {
            if (_lastPercent < 100) Report(total);
        }
    }
}

/// <summary>An IProgress that reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, out of order).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
