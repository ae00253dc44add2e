namespace Shop.WebApi.FunctionalTests.Deployment;

/// <summary>
/// What can be checked of the image without Docker: the Dockerfile's runtime stage runs as a non-root user, probes
/// /healthz, restores with the lock files and copies every project; compose.yaml commits no secret and starts the app
/// only once PostgreSQL is healthy, with named volumes for the database and the media.
/// </summary>
[TestFixture]
public sealed class DockerfileTests
{
    private static readonly string Root = ServerProcess.RepositoryRoot;

    private static List<string> Instructions(string stage)
    {
        // Continuation lines joined, comments dropped: one instruction per entry.
        var text = File.ReadAllText(Path.Combine(Root, "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        var all = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var from = all.FindIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal) && l.EndsWith($" AS {stage}", StringComparison.Ordinal));
        Assert.That(from, Is.GreaterThanOrEqualTo(0), $"a stage named {stage}");
        var next = all.FindIndex(from + 1, l => l.StartsWith("FROM ", StringComparison.Ordinal));
        return all.GetRange(from, (next < 0 ? all.Count : next) - from);
    }

    [Test]
    public void The_runtime_stage_is_the_last_and_runs_as_a_non_root_user()
    {
        var runtime = Instructions("runtime");
        var user = runtime.LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(runtime[0], Does.StartWith("FROM ${DOTNET_IMAGES}/aspnet:10.0 "));
            Assert.That(File.ReadAllText(Path.Combine(Root, "Dockerfile")).TrimEnd(), Does.EndWith(runtime[^1]), "the runtime stage is the image");
            Assert.That(user, Is.Not.Null, "USER in the runtime stage");
            Assert.That(user?["USER ".Length..].Split(':')[0], Is.Not.AnyOf("root", "0"));
            Assert.That(runtime.FindIndex(l => l.StartsWith("USER ", StringComparison.Ordinal)),
                Is.GreaterThan(runtime.FindLastIndex(l => l.StartsWith("RUN ", StringComparison.Ordinal))), "nothing runs as root after USER");
        });
    }

    [Test]
    public void The_health_check_is_the_apps_healthcheck_verb_which_asks_healthz()
    {
        var check = Instructions("runtime").SingleOrDefault(l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.That(check, Does.Contain("CMD [\"dotnet\", \"/app/Shop.WebApi.dll\", \"healthcheck\"]"));
        Assert.That(Shop.WebApi.Cli.HealthcheckVerb.Path, Is.EqualTo("/healthz"));
    }

    [Test]
    public void The_build_restores_with_the_lock_files_and_copies_every_project_and_the_entrypoint()
    {
        var build = Instructions("build");
        var runtime = Instructions("runtime");
        Assert.Multiple(() =>
        {
            Assert.That(build, Has.Some.StartsWith("FROM ${DOTNET_IMAGES}/sdk:10.0 "));
            Assert.That(build, Has.Some.Contains("dotnet restore").And.Contains("--locked-mode"));
            Assert.That(build, Has.Some.Contains("dotnet publish").And.Contains("-c Release").And.Contains("--no-restore"));
            foreach (var project in Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories))
            {
                var folder = Path.GetRelativePath(Root, Path.GetDirectoryName(project)!);
                Assert.That(build, Has.Some.Contains($"{folder}/{Path.GetFileName(project)}").And.Contains($"{folder}/packages.lock.json"), folder);
            }
            Assert.That(runtime, Has.Some.Contains("docker/entrypoint.sh"));
            Assert.That(runtime, Has.Some.StartsWith("ENTRYPOINT "));
            Assert.That(runtime, Has.Member("EXPOSE 8080"));
        });
    }

    [Test]
    public void The_docker_context_leaves_out_secrets_and_build_output()
    {
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore"));
        Assert.That(ignored, Is.SupersetOf(new[] { "**/bin/", "**/obj/", "**/.env", ".env", ".git/" }));
    }

    [Test]
    public void Compose_runs_the_app_on_postgres_15_with_named_volumes_and_takes_every_secret_from_the_env_file()
    {
        var compose = ComposeFile.Parse(Path.Combine(Root, "compose.yaml"));
        var app = compose.Map("services").Map("app");
        var db = compose.Map("services").Map("db");
        var environment = app.Map("environment");
        Assert.Multiple(() =>
        {
            Assert.That(db["image"], Is.EqualTo("postgres:15"));
            Assert.That(app.Map("depends_on").Map("db")["condition"], Is.EqualTo("service_healthy"));
            Assert.That(db.Map("healthcheck")["test"], Does.Contain("pg_isready"));
            Assert.That(compose.Map("volumes").Keys, Is.EquivalentTo(new[] { "db-data", "media" }));
            Assert.That(db["volumes"], Is.EqualTo(new[] { "db-data:/var/lib/postgresql/data" }));
            Assert.That(app["volumes"], Is.EqualTo(new[] { $"media:{environment["Media__Root"]}" }));
            // A secret is a ${...} from .env, never a value in the file.
            Assert.That(environment["Jwt__SigningKey"], Does.Match(@"^\$\{JWT_SIGNING_KEY:\?[^}]+\}$"));
            Assert.That(environment["DATABASE_URL"], Does.Contain("${POSTGRES_PASSWORD:?"));
            Assert.That(db.Map("environment")["POSTGRES_PASSWORD"], Does.Match(@"^\$\{POSTGRES_PASSWORD:\?[^}]+\}$"));
        });
    }
}
