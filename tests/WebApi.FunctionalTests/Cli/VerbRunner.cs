using System.Diagnostics;

namespace Shop.WebApi.FunctionalTests.Cli;

/// <summary>Runs the app's CLI verbs as an operator does: a separate process with its own environment.</summary>
internal static class VerbRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Task<Result> RunAsync(IDictionary<string, string?> environment, params string[] args) =>
        RunWithInputAsync(environment, "", args);

    /// <summary>Runs a verb with <paramref name="input"/> piped to its stdin, as a script answering its questions.</summary>
    public static async Task<Result> RunWithInputAsync(IDictionary<string, string?> environment, string input, params string[] args)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        start.ArgumentList.Add(app);
        foreach (var a in args) start.ArgumentList.Add(a);
        // A clean slate: nothing from the test runner's own environment decides the outcome.
        foreach (var key in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "DATABASE_URL", "Jwt__SigningKey", "AllowedHosts", "HTTPS_PORTS", "ASPNETCORE_URLS" })
            start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    public static string TempSqliteUrl(out string file)
    {
        var folder = Path.Combine(Path.GetTempPath(), "shop-cli-tests");
        Directory.CreateDirectory(folder);
        file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        return "sqlite:///" + file; // sqlite:/// + an absolute path = four slashes
    }
}
