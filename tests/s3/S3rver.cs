using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Shop.Tests.S3;

/// <summary>
/// A real S3-protocol server (the npm package s3rver, installed by <c>npm ci --prefix tests/s3</c>) on a free loopback
/// port, with one bucket, its files in a temporary folder. Tests that need it are ignored with the reason when it is not
/// installed, and fail in CI (CI=true), which installs it. Source-linked into the test projects that use it.
/// </summary>
public sealed class S3rver : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly Process _process;
    private readonly string _directory;

    private S3rver(Process process, string directory, Uri serviceUrl, string bucket)
    {
        _process = process;
        _directory = directory;
        ServiceUrl = serviceUrl;
        Bucket = bucket;
    }

    public Uri ServiceUrl { get; }
    public string Bucket { get; }

    /// <summary>The app's settings for this server's bucket (<c>Media:Storage=S3</c>).</summary>
    public IReadOnlyDictionary<string, string?> MediaSettings => new Dictionary<string, string?>
    {
        ["Media:Storage"] = "S3",
        ["Media:S3:ServiceUrl"] = ServiceUrl.AbsoluteUri,
        ["Media:S3:Bucket"] = Bucket,
        ["Media:S3:AccessKey"] = AccessKey,
        ["Media:S3:SecretKey"] = SecretKey,
    };

    public static async Task<S3rver> StartAsync(string bucket = "shop-test")
    {
        var executable = Path.Combine(RepositoryRoot(), "tests", "s3", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(executable))
        {
            const string reason = "s3rver is not installed (npm ci --prefix tests/s3); S3 storage tests skipped";
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(reason + " (CI=true requires them)");
            Assert.Ignore(reason);
        }

        var port = FreePort();
        var directory = Path.Combine(Path.GetTempPath(), $"shop-s3-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { executable, "--directory", directory, "--address", "127.0.0.1", "--port", port.ToString(), "--silent", "--configure-bucket", bucket })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new S3rver(process, directory, new Uri($"http://127.0.0.1:{port}/"), bucket);
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited) break;
            try
            {
                using var answer = await client.GetAsync(server.ServiceUrl);
                return server;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        await server.DisposeAsync();
        throw new InvalidOperationException("s3rver did not start listening within 10 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { /* a file still held: the temp folder's cleanup takes it */ }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Shop.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (Shop.sln) is not above " + AppContext.BaseDirectory);
    }
}
