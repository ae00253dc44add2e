namespace Shop.WebApi.Cli;

/// <summary>A one-line text progress bar on stderr (stdout stays for the verb's result).</summary>
public sealed class ProgressBar(TextWriter output, int total)
{
    private const int Width = 30;
    private int _lastPercent = -1;

    public void Report(int done)
    {
        var percent = total == 0 ? 100 : (int)(done * 100L / total);
        if (percent == _lastPercent) return;
        _lastPercent = percent;
        var filled = percent * Width / 100;
        output.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {done}/{total}");
    }

    public void Done()
    {
        Report(total);
        output.WriteLine();
    }
}

/// <summary>An IProgress that reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, out of order).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
