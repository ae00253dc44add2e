using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Shop.WebApi.FunctionalTests.Deployment;

/// <summary>
/// The app (or the container's entrypoint script) as a process of its own on a loopback port, as an operator or a
/// container runtime starts it: its own environment, its stdout and stderr kept line by line, stopped with SIGTERM.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();

    private ServerProcess(Process process) => _process = process;

    /// <summary>The folder the tests' build of the app lives in, and its assembly.</summary>
    public static string AppFolder => Path.GetDirectoryName(AppAssembly)!;
    public static string AppAssembly => typeof(Program).Assembly.Location;

    /// <summary>The repository's root (the folder with compose.yaml), found upwards from the test binaries.</summary>
    public static string RepositoryRoot => Root.Value;

    private static readonly Lazy<string> Root = new(FindRoot);

    public IReadOnlyList<string> Output => _output.ToArray();
    public string Error => string.Join('\n', _error);

    /// <param name="command">The program and its arguments.</param>
    /// <param name="environment">Added to a clean copy of the test runner's environment (a null value removes).</param>
    /// <param name="asUser">Run as this uid:gid (through setpriv) when the tests run as root.</param>
    public static ServerProcess Start(IReadOnlyList<string> command, IDictionary<string, string?> environment, string? asUser = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppFolder,
        };
        var args = command.ToList();
        if (asUser is not null && Environment.UserName == "root")
        {
            var (uid, gid) = (asUser.Split(':')[0], asUser.Split(':')[1]);
            args.InsertRange(0, ["setpriv", $"--reuid={uid}", $"--regid={gid}", "--clear-groups", "--"]);
        }
        start.FileName = args[0];
        foreach (var a in args.Skip(1)) start.ArgumentList.Add(a);
        foreach (var key in Clean) start.Environment.Remove(key);
        foreach (var (key, value) in environment)
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._error.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Runs a command to its end (at most two minutes) and answers its exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyList<string> command, IDictionary<string, string?> environment)
    {
        await using var run = Start(command, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await run._process.WaitForExitAsync(timeout.Token);
        run._process.WaitForExit(); // drains the asynchronous readers
        return (run._process.ExitCode, string.Join('\n', run._output), run.Error);
    }

    /// <summary>
    /// Waits until <c>/healthz</c> on the port answers 200 (asked with <paramref name="host"/> as the Host header when
    /// given); fails with the process's output if it exits or 120 s pass (a loaded 2-core machine has taken more than 60 s to start one).
    /// </summary>
    public async Task WaitUntilHealthyAsync(int port, string? host = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var started = Stopwatch.StartNew(); started.Elapsed < TimeSpan.FromSeconds(120); await Task.Delay(200))
        {
            if (_process.HasExited) Assert.Fail($"The server exited with {_process.ExitCode}:\n{string.Join('\n', _output)}\n{Error}");
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/healthz");
                if (host is not null) request.Headers.Host = host;
                using var response = await client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet, or the first request still warming up
            }
        }
        Assert.Fail($"The server did not answer /healthz within 120 s:\n{string.Join('\n', _output)}\n{Error}");
    }

    /// <summary>SIGTERM, as <c>docker stop</c> sends: the server shuts down and flushes its logs. Answers the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) await StopAsync();
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Nothing from the test runner's own environment decides the outcome.</summary>
    private static readonly string[] Clean =
    [
        "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "DATABASE_URL", "Jwt__SigningKey", "AllowedHosts", "HTTPS_PORTS",
        "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "PORT", "Database__MigrateOnStart", "OTEL_EXPORTER_OTLP_ENDPOINT",
    ];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "compose.yaml"))) return dir.FullName;
        throw new InvalidOperationException("No compose.yaml above " + AppContext.BaseDirectory);
    }
}
