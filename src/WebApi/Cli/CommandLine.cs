using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Shop.Application.Common.Exceptions;
using Shop.Application.Users.Commands;
using Shop.Infrastructure.Persistence;
using Shop.WebApi.Web;

namespace Shop.WebApi.Cli;

/// <summary>
/// The operator's verbs, run through the same host and configuration as the server:
/// <c>Shop.WebApi &lt;verb&gt; [options]</c>. Each prints what it did and exits 0, or says what went wrong and exits non-zero.
/// System.CommandLine parses the arguments before any host exists, so <c>--help</c> and bad arguments (exit 2)
/// never build the host nor touch the database.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>Ctrl+C or SIGTERM stopped the verb (128 + SIGINT, what a shell reports for an interrupted command).</summary>
    public const int Interrupted = 130;

    /// <summary>
    /// True when the arguments ask for a verb (or for help) rather than the web server. Anything else that starts
    /// with '-' (<c>--urls</c>, <c>--environment</c>, <c>--contentRoot</c>) belongs to ASP.NET Core's host.
    /// </summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h" or "-?");

    /// <param name="args">The whole command line, verb first.</param>
    /// <param name="createHost">Builds the verb's host; null when it cannot start (it has said why).</param>
    public static Task<int> RunAsync(string[] args, Func<WebApplication?> createHost) =>
        RunAsync(args, () => createHost() is { } app ? new Host(app.Services, app) : null);

    /// <summary>Runs a verb on services that exist already (a test server's); they are left as they are.</summary>
    public static Task<int> RunAsync(IServiceProvider services, string[] args) => RunAsync(args, () => new Host(services, null));

    /// <summary>The services a verb runs on, and what to dispose when it is done (null: someone else's).</summary>
    private sealed record Host(IServiceProvider Services, IAsyncDisposable? Owner);

    private static async Task<int> RunAsync(string[] args, Func<Host?> createHost)
    {
        var root = Commands(createHost);
        // A file argument is taken as written: no @response-file expansion.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Action is ParseErrorAction)
        {
            await ReportAsync(root, parsed);
            return Usage;
        }
        // Each verb reports its own failures in one line; a stack trace is never the answer to an operator.
        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static RootCommand Commands(Func<Host?> createHost)
    {
        var root = new RootCommand(
            "The shop's operator commands, run with the server's configuration (DATABASE_URL, appsettings, environment). "
            + "With no command the shop serves HTTP, and ASP.NET Core's own arguments (--urls, --environment, --contentRoot) apply.");
        // --version would start the server (only a verb or --help comes here), so help must not offer it.
        foreach (var version in root.Options.OfType<VersionOption>().ToList()) root.Options.Remove(version);

        var migrate = Verb("migrate", "Applies pending migrations to the configured database and prints what it applied.", createHost, needsSchema: false,
            (_, services, ct) => Migrate(services, ct));
        var showMigrations = Verb("showmigrations", "Lists the migrations, [X] when applied.", createHost, needsSchema: false,
            (_, services, ct) => ShowMigrations(services, ct));

        var count = new Option<int?>("--count")
        {
            HelpName = "N",
            Description = "Generate N products for load tests (batched, with progress) instead of the demo catalog.",
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1) return n;
                result.AddError($"--count must be a whole number of at least 1, not '{text}'.");
                return null;
            },
        };
        var seed = Verb("seed", "Loads the demo catalog (a few categories, tags and products; idempotent), or with --count N generated products.",
            createHost, needsSchema: true, (parsed, services, ct) => Seed(services, parsed.GetValue(count), ct));
        seed.Add(count);

        var deploy = new Option<bool>("--deploy")
        {
            Description = "Also list every setting unsafe for production, with its fix; exits 1 if any is found.",
        };
        var check = Verb("check", "Validates the configuration: the database is reachable and migrated, the signing key is usable.",
            createHost, needsSchema: false, (parsed, services, ct) => Check(services, parsed.GetValue(deploy), ct));
        check.Add(deploy);

        var superNoInput = new Option<bool>("--noinput")
        {
            Description = "Ask nothing: read SHOP_SUPERUSER_USERNAME, SHOP_SUPERUSER_EMAIL and SHOP_SUPERUSER_PASSWORD.",
        };
        var createSuperuser = Verb("createsuperuser", "Creates a staff superuser; asks for the username, email address and password unless --noinput.",
            createHost, needsSchema: true, (parsed, services, ct) => CreateSuperuser(services, parsed.GetValue(superNoInput), ct));
        createSuperuser.Add(superNoInput);

        var userName = new Option<string>("--username") { HelpName = "USERNAME", Required = true, Description = "The new user's name." };
        var email = new Option<string>("--email") { HelpName = "EMAIL", Description = "The new user's email address (asked for when left out, required with --noinput)." };
        var staff = new Option<bool>("--staff") { Description = "Make the user staff (the back office)." };
        var userNoInput = new Option<bool>("--noinput") { Description = "Ask nothing: the password comes from SHOP_USER_PASSWORD." };
        var createUser = Verb("createuser", "Creates an ordinary (or, with --staff, a staff) user; asks for the password unless --noinput.",
            createHost, needsSchema: true, (parsed, services, ct) => CreateUser(services,
                parsed.GetRequiredValue(userName), parsed.GetValue(email), parsed.GetValue(staff), parsed.GetValue(userNoInput), ct));
        createUser.Add(userName);
        createUser.Add(email);
        createUser.Add(staff);
        createUser.Add(userNoInput);
        createUser.Validators.Add(result =>
        {
            if (result.GetValue(userNoInput) && result.GetResult(email) is null) result.AddError("--email is required with --noinput.");
        });

        var file = new Argument<string>("FILE.csv") { Description = "A CSV file in the export format (GET /api/products/export.csv)." };
        var importProducts = Verb("import-products", "Creates or updates products by slug from a CSV file, all or nothing; bad rows are listed by line.",
            createHost, needsSchema: true, (parsed, services, ct) => ImportProductsVerb.RunAsync(services, parsed.GetRequiredValue(file), ct));
        importProducts.Add(file);
        // A file that is not there is a bad argument (exit 2), told before anything is built or migrated.
        file.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } path && !File.Exists(path)) result.AddError($"no such file: {path}.");
        });

        var healthUrl = new Option<string>("--url") { HelpName = "URL", Description = "Ask this URL instead of http://127.0.0.1:$PORT/healthz." };
        var healthcheck = new Command("healthcheck",
            "Exits 0 when the server on this machine answers /healthz (port from PORT, 8080 by default): the container's health check.");
        healthcheck.Add(healthUrl);
        // No host: a probe must not build the app's services nor open the database.
        healthcheck.SetAction((parsed, ct) => HealthcheckVerb.RunAsync(parsed.GetValue(healthUrl), ct));

        foreach (var verb in new[] { migrate, showMigrations, seed, check, createSuperuser, createUser, importProducts, healthcheck }) root.Add(verb);
        return root;
    }

    /// <summary>
    /// A verb whose action builds the host only once the arguments are known to be good, creates the schema first
    /// when the verb needs it, and turns whatever goes wrong into one line and an exit code.
    /// </summary>
    private static Command Verb(string name, string description, Func<Host?> createHost, bool needsSchema,
        Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> run)
    {
        var command = new Command(name, description);
        command.SetAction(async (parsed, ct) =>
        {
            Host? host = null;
            try
            {
                host = createHost();
                if (host is null) return Failed;
                if (needsSchema && !await SchemaReadyAsync(host.Services, ct)) return Failed;
                return await run(parsed, host.Services, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"{name}: interrupted.");
                return Interrupted;
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"{name}: {ex.Message}");
                return Usage;
            }
            catch (ValidationException ex)
            {
                foreach (var (field, messages) in ex.Errors)
                    foreach (var m in messages) await Console.Error.WriteLineAsync($"{name}: {(field.Length > 0 ? field + ": " : "")}{m}");
                return Failed;
            }
            catch (Exception ex)
            {
                // Whatever went wrong (database unreachable, a file missing, …), the operator gets one line, not a stack trace.
                await Console.Error.WriteLineAsync($"{name} failed: {ex.GetBaseException().Message}");
                return Failed;
            }
            finally
            {
                if (host?.Owner is { } owner) await owner.DisposeAsync();
            }
        });
        return command;
    }

    /// <summary>
    /// Bad arguments: one line per problem, naming it, with the verb's usage; an unknown verb lists the verbs.
    /// Nothing has been built or touched yet.
    /// </summary>
    private static async Task ReportAsync(RootCommand root, ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        if (command == root)
        {
            await Console.Error.WriteLineAsync(parsed.UnmatchedTokens.Count > 0
                ? $"Unknown command '{parsed.UnmatchedTokens[0]}'. Commands:"
                : "No command given. Commands:");
            foreach (var verb in root.Subcommands) await Console.Error.WriteLineAsync($"  {verb.Name,-16} {verb.Description}");
            return;
        }
        foreach (var message in parsed.Errors.Select(e => e.Message).Distinct())
            await Console.Error.WriteLineAsync($"{command.Name}: {message} Usage: {Synopsis(command)} (see '{command.Name} --help').");
    }

    /// <summary><c>createuser --username USERNAME [--email EMAIL] [--staff] [--noinput]</c>, from the command's own symbols.</summary>
    private static string Synopsis(Command command)
    {
        var parts = new List<string> { command.Name };
        parts.AddRange(command.Arguments.Select(a => a.Name));
        foreach (var option in command.Options.Where(o => o is not HelpOption && !o.Hidden))
        {
            var usage = option.Arity.MaximumNumberOfValues == 0 || option.ValueType == typeof(bool) ? option.Name : $"{option.Name} {option.HelpName ?? "VALUE"}";
            parts.Add(option.Required ? usage : $"[{usage}]");
        }
        return string.Join(' ', parts);
    }

    /// <summary>
    /// A fresh database gets its schema here just as the server gives it on start (<c>Database:MigrateOnStart</c>),
    /// so <c>createsuperuser</c> works before the server has ever run; with that off, the operator is told to migrate.
    /// </summary>
    private static async Task<bool> SchemaReadyAsync(IServiceProvider services, CancellationToken ct)
    {
        var options = services.GetRequiredService<IConfiguration>().GetSection(DatabaseStartupOptions.Section).Get<DatabaseStartupOptions>() ?? new();
        if (options.MigrateOnStart)
        {
            foreach (var m in await DatabaseStartup.MigrateAsync(services, ct)) await Console.Error.WriteLineAsync($"  Applied {m}");
            return true;
        }
        await using var scope = services.CreateAsyncScope();
        var pending = (await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.GetPendingMigrationsAsync(ct)).Count();
        if (pending == 0) return true;
        await Console.Error.WriteLineAsync($"The database is not up to date ({pending} migration{(pending == 1 ? "" : "s")} pending): run the 'migrate' command first.");
        return false;
    }

    private static async Task<int> Migrate(IServiceProvider services, CancellationToken ct)
    {
        var applied = await DatabaseStartup.MigrateAsync(services, ct);
        if (applied.Count == 0) Console.WriteLine("No migrations to apply.");
        foreach (var m in applied) Console.WriteLine($"  Applied {m}");
        return Ok;
    }

    private static async Task<int> ShowMigrations(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToHashSet();
        Console.WriteLine(services.GetRequiredService<DatabaseSettings>().Describe());
        foreach (var m in db.Database.GetMigrations()) Console.WriteLine($" [{(applied.Contains(m) ? "X" : " ")}] {m}");
        return Ok;
    }

    private static async Task<int> Seed(IServiceProvider services, int? count, CancellationToken ct)
    {
        if (count is { } n) return await GenerateAsync(services, n, ct);
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<DemoCatalog>().SeedAsync(ct);
        if (created > 0) await AnnounceCatalogWriteAsync(services);
        Console.WriteLine(created == 0 ? "The demo catalog is already there." : $"Created {created} demo products.");
        return Ok;
    }

    private static async Task<int> GenerateAsync(IServiceProvider services, int count, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var generator = scope.ServiceProvider.GetRequiredService<Shop.Infrastructure.Persistence.Seeding.LoadDataGenerator>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var prefix = await ProgressDisplay.RunAsync(async steps =>
        {
            var generating = steps.Start("generating (products)", count);
            var slugs = await generator.GenerateAsync(count, new SyncProgress<int>(n => generating.Report(n)), ct);
            generating.Done();
            return slugs;
        });
        await AnnounceCatalogWriteAsync(services);
        Console.WriteLine($"Generated {count} products (slugs {prefix}*) in {started.Elapsed.TotalSeconds:0.0} s.");
        return Ok;
    }

    /// <summary>Running servers on the same PostgreSQL database evict their cached answers now, not when they run out.</summary>
    internal static Task AnnounceCatalogWriteAsync(IServiceProvider services) =>
        services.GetRequiredService<Web.CatalogEviction>().AfterWriteAsync(CancellationToken.None);

    private static async Task<int> Check(IServiceProvider services, bool deploy, CancellationToken ct)
    {
        var findings = (await ConfigurationChecks.BasicAsync(services, ct)).ToList();
        if (deploy)
        {
            // The basic checks already name a signing key the server would refuse; --deploy names it once.
            findings = findings.Union(ConfigurationChecks.Deploy(
                services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>(),
                services.GetRequiredService<DatabaseSettings>())).ToList();
        }
        foreach (var f in findings)
        {
            Console.WriteLine($"! {f.Setting}: {f.Problem}");
            Console.WriteLine($"    fix: {f.Fix}");
        }
        Console.WriteLine(findings.Count == 0
            ? $"No issues found{(deploy ? " (deployment checks included)" : "")}."
            : $"{findings.Count} issue{(findings.Count == 1 ? "" : "s")} found.");
        return findings.Count == 0 ? Ok : Failed;
    }

    private static async Task<int> CreateSuperuser(IServiceProvider services, bool noInput, CancellationToken ct)
    {
        var user = noInput
            ? new CreateUser(Env("SHOP_SUPERUSER_USERNAME"), Env("SHOP_SUPERUSER_EMAIL"), Env("SHOP_SUPERUSER_PASSWORD"), true, true)
            : new CreateUser(await Prompt.LineAsync("Username", ct), await Prompt.LineAsync("Email address", ct), await Prompt.NewPasswordAsync(ct), true, true);
        return await SendAsync(services, user, $"Superuser '{user.UserName}' created.", ct);
    }

    private static async Task<int> CreateUser(IServiceProvider services, string userName, string? email, bool staff, bool noInput, CancellationToken ct)
    {
        var user = new CreateUser(userName, email ?? await Prompt.LineAsync("Email address", ct),
            noInput ? Env("SHOP_USER_PASSWORD") : await Prompt.NewPasswordAsync(ct), staff, false);
        return await SendAsync(services, user, $"{(staff ? "Staff user" : "User")} '{user.UserName}' created.", ct);
    }

    private static async Task<int> SendAsync(IServiceProvider services, CreateUser command, string done, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, ct);
        Console.WriteLine(done);
        return Ok;
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
