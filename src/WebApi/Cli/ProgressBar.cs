namespace Shop.WebApi.Cli;

/// <summary>A one-line text progress bar on stderr (stdout stays for the verb's result), optionally labelled with its step.</summary>
public sealed class ProgressBar(TextWriter output, long total, string? label = null)
{
    private const int Width = 30;
    private int _lastPercent = -1;

    public void Report(long done)
    {
        var percent = total == 0 ? 100 : (int)(done * 100 / total);
        if (percent == _lastPercent) return;
        _lastPercent = percent;
        var filled = percent * Width / 100;
        output.Write($"\r{(label is null ? "" : label + " ")}[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {done}/{total}");
    }

    /// <summary>Shows 100 % and ends the line.</summary>
    public void Done()
    {
        Report(total);
        Stop();
    }

    /// <summary>Ends the bar's line, if one was drawn, so that what is written next (an error) starts on its own line.</summary>
    public void Stop()
    {
        if (_lastPercent < 0) return;
        output.WriteLine();
        _lastPercent = -1;
    }
}

/// <summary>An IProgress that reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, out of order).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
