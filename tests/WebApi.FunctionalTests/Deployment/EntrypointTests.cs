using System.Security.Cryptography;
using Npgsql;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Deployment;

/// <summary>
/// The container's entrypoint (docker/entrypoint.sh) without Docker: first with a fake <c>dotnet</c> that records what
/// it is asked (fast: which commands run, in which order, with which settings), then with the real app on loopback,
/// configured only through the environment the image and compose.yaml give it.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class EntrypointTests
{
    private static readonly string Script = Path.Combine(ServerProcess.RepositoryRoot, "docker", "entrypoint.sh");

    /// <summary>The image's non-root user is app (UID 1654); here any non-root id shows the same.</summary>
    private const string NonRoot = "1654:1654";

    private sealed record FakeRun(int ExitCode, string[] Calls, string Error);

    /// <summary>
    /// Runs the script with a <c>dotnet</c> on PATH that logs its working directory, arguments and
    /// Database__MigrateOnStart; the app's folder (SHOP_APP's) is shown as the image's <c>/app</c>.
    /// </summary>
    private static async Task<FakeRun> RunWithFakeDotnetAsync(Dictionary<string, string?> environment, params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("shop-entrypoint-").FullName;
        var log = Path.Combine(folder, "calls.log");
        var fake = Path.Combine(folder, "dotnet");
        await File.WriteAllTextAsync(fake, """
            #!/bin/sh
            echo "in $(pwd): $* | MigrateOnStart=${Database__MigrateOnStart:-unset}" >> "$FAKE_LOG"
            if [ "$2" = migrate ]; then exit "${FAKE_MIGRATE_EXIT:-0}"; fi
            """.Replace("\r", "", StringComparison.Ordinal));
        await ServerProcess.RunAsync(["chmod", "755", fake], new Dictionary<string, string?>());
        environment["PATH"] = $"{folder}:{Environment.GetEnvironmentVariable("PATH")}";
        environment["FAKE_LOG"] = log;
        var app = Directory.CreateDirectory(Path.Combine(folder, "app")).FullName;
        environment["SHOP_APP"] = Path.Combine(app, "Shop.WebApi.dll");
        var (code, _, error) = await ServerProcess.RunAsync(["sh", Script, .. args], environment);
        var calls = File.Exists(log) ? (await File.ReadAllLinesAsync(log)).Select(c => c.Replace(app, "/app", StringComparison.Ordinal)).ToArray() : [];
        Directory.Delete(folder, recursive: true);
        return new FakeRun(code, calls, error);
    }

    [Test]
    public async Task By_default_it_migrates_then_serves_on_PORT_on_every_interface_from_the_apps_folder_without_migrating_again()
    {
        var run = await RunWithFakeDotnetAsync(new() { ["PORT"] = "9090" });

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Calls, Is.EqualTo(new[]
        {
            "in /app: /app/Shop.WebApi.dll migrate | MigrateOnStart=unset",
            "in /app: /app/Shop.WebApi.dll --urls http://0.0.0.0:9090 | MigrateOnStart=false",
        }));
    }

    [Test]
    public async Task Without_PORT_it_serves_on_8080()
    {
        var run = await RunWithFakeDotnetAsync([]);

        Assert.That(run.Calls[^1], Does.StartWith("in /app: /app/Shop.WebApi.dll --urls http://0.0.0.0:8080 "));
    }

    [Test]
    public async Task With_migrate_on_start_off_it_only_serves()
    {
        var run = await RunWithFakeDotnetAsync(new() { ["Database__MigrateOnStart"] = "false" });

        Assert.That(run.Calls, Is.EqualTo(new[] { "in /app: /app/Shop.WebApi.dll --urls http://0.0.0.0:8080 | MigrateOnStart=false" }));
    }

    [Test]
    public async Task A_failed_migration_stops_the_container_before_the_server_starts()
    {
        var run = await RunWithFakeDotnetAsync(new() { ["FAKE_MIGRATE_EXIT"] = "1" });

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Calls, Has.Length.EqualTo(1).And.All.Contains(" migrate "));
    }

    [TestCase("createsuperuser", "--noinput")]
    [TestCase("check", "--deploy")]
    [TestCase("healthcheck")]
    [TestCase("--help")]
    public async Task A_verb_runs_alone_without_migrating_first(params string[] args)
    {
        var run = await RunWithFakeDotnetAsync([], args);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Calls, Is.EqualTo(new[] { $"in /app: /app/Shop.WebApi.dll {string.Join(' ', args)} | MigrateOnStart=unset" }));
    }

    [TestCase("PORT", "http")]
    [TestCase("PORT", "80 80")]
    [TestCase("Database__MigrateOnStart", "yes please")]
    public async Task A_bad_setting_is_named_and_nothing_runs(string name, string value)
    {
        var run = await RunWithFakeDotnetAsync(new() { [name] = value });

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain(name));
        Assert.That(run.Calls, Is.Empty);
    }

    [Test]
    public async Task The_real_app_as_a_non_root_user_migrates_serves_on_PORT_keeps_its_data_in_the_volume_and_answers_its_health_check()
    {
        // The image's /var/lib/shop: owned by the non-root user, holding the SQLite file and the media.
        var volume = Directory.CreateTempSubdirectory("shop-volume-").FullName;
        Directory.CreateDirectory(Path.Combine(volume, "media"));
        if (Environment.UserName == "root")
            foreach (var dir in new[] { volume, Path.Combine(volume, "media") })
                await ServerProcess.RunAsync(["chown", NonRoot, dir], new Dictionary<string, string?>());
        var port = ServerProcess.FreePort();
        var environment = new Dictionary<string, string?>
        {
            // The Dockerfile's ENV, with the test's port and loopback instead of every interface.
            ["SHOP_APP"] = ServerProcess.AppAssembly,
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LISTEN_ADDRESS"] = "127.0.0.1",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DATABASE_URL"] = $"sqlite:///{volume}/shop.db",
            ["Media__Root"] = $"{volume}/media",
            ["Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["HOME"] = volume,
        };

        await using (var server = ServerProcess.Start(["sh", Script], environment, asUser: NonRoot))
        {
            await server.WaitUntilHealthyAsync(port);
            var probe = await ServerProcess.RunAsync(["sh", Script, "healthcheck"], environment);
            var closed = await ServerProcess.RunAsync(["sh", Script, "healthcheck"], new Dictionary<string, string?>(environment) { ["PORT"] = ServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) });
            Assert.Multiple(() =>
            {
                Assert.That(probe.ExitCode, Is.Zero, probe.Error);
                Assert.That(closed.ExitCode, Is.EqualTo(1));
                Assert.That(closed.Error, Does.StartWith("healthcheck: "));
                Assert.That(File.Exists(Path.Combine(volume, "shop.db")), Is.True, "the database is in the volume");
                Assert.That(server.Output, Has.Some.Contains("Applied"), "the entrypoint's migrate step printed what it applied");
            });
            Assert.That(await server.StopAsync(), Is.Zero, server.Error);
        }
        Directory.Delete(volume, recursive: true);
    }

    [Test]
    public async Task The_compose_environment_passes_check_deploy_and_its_server_is_healthy_behind_AllowedHosts()
    {
        var admin = Environment.GetEnvironmentVariable(ShopFactory.PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            const string reason = "SHOP_TEST_POSTGRES is not set; the compose environment needs PostgreSQL";
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(reason + " (CI=true requires it)");
            Assert.Ignore(reason);
        }
        var server = new NpgsqlConnectionStringBuilder(admin);
        var database = $"shop_compose_{Guid.NewGuid():N}";
        // What an operator puts in .env (see .env.example); PostgreSQL's password is the test server's.
        var variables = new Dictionary<string, string>
        {
            ["POSTGRES_PASSWORD"] = server.Password!,
            ["JWT_SIGNING_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["SHOP_HOST"] = "shop.example.test",
            ["AUTOMAPPER_LICENSE_KEY"] = "test-licence-key",
        };
        var compose = ComposeFile.Environment(ComposeFile.Parse(Path.Combine(ServerProcess.RepositoryRoot, "compose.yaml")), "app", variables);
        var environment = compose.ToDictionary(e => e.Key, e => (string?)e.Value);
        // Compose's network names the database "db" and its user "shop"; here they are the test server's.
        environment["DATABASE_URL"] = compose["DATABASE_URL"].Replace("shop:", $"{server.Username}:", StringComparison.Ordinal)
            .Replace("@db:5432/shop", $"@{server.Host}:{server.Port}/{database}", StringComparison.Ordinal);
        environment["Media__Root"] = Directory.CreateTempSubdirectory("shop-media-").FullName;
        environment["SHOP_APP"] = ServerProcess.AppAssembly;
        environment["LISTEN_ADDRESS"] = "127.0.0.1";
        var port = ServerProcess.FreePort();
        environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"");
        try
        {
            await using (var app = ServerProcess.Start(["sh", Script], environment))
            {
                await app.WaitUntilHealthyAsync(port, host: variables["SHOP_HOST"]);
                var probe = await ServerProcess.RunAsync(["sh", Script, "healthcheck"], environment);
                Assert.That(probe.ExitCode, Is.Zero, "the probe names an allowed host: " + probe.Error);
            }
            var check = await ServerProcess.RunAsync(["sh", Script, "check", "--deploy"], environment);
            Assert.That(check.ExitCode, Is.Zero, check.Output + check.Error);
            Assert.That(check.Output, Does.Contain("No issues found (deployment checks included)."));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            Directory.Delete(environment["Media__Root"]!, recursive: true);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
