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
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private static readonly Dictionary<string, (string Help, Func<IServiceProvider, Args, Task<int>> Run)> Verbs = new()
    {
        ["migrate"] = ("applies pending migrations to the configured database", Migrate),
        ["showmigrations"] = ("lists migrations, applied or not", ShowMigrations),
        ["seed"] = ("loads the demo catalog (idempotent); --count N generates N products for load tests", Seed),
        ["check"] = ("validates the configuration; --deploy also lists settings unsafe for production (non-zero exit if any)", Check),
        ["createsuperuser"] = ("creates a staff superuser [--noinput: SHOP_SUPERUSER_USERNAME, _EMAIL, _PASSWORD]", CreateSuperuser),
        ["createuser"] = ("creates a user: --username U --email E [--staff] [--noinput: password from SHOP_USER_PASSWORD]", CreateUser),
        ["import-products"] = ("creates/updates products by slug from a CSV file (the export format), all or nothing: import-products FILE.csv", ImportProductsVerb.RunAsync),
    };

    /// <summary>Verbs that read or write the catalog or the users, so they need the schema in place.</summary>
    private static readonly HashSet<string> NeedSchema = ["seed", "createsuperuser", "createuser", "import-products"];

    /// <summary>True when the arguments ask for a verb rather than the web server.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (!Verbs.TryGetValue(args[0], out var verb))
        {
            await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'. Commands:");
            foreach (var (name, v) in Verbs) await Console.Error.WriteLineAsync($"  {name,-16} {v.Help}");
            return Usage;
        }
        try
        {
            if (NeedSchema.Contains(args[0]) && !await SchemaReadyAsync(services)) return Failed;
            return await verb.Run(services, new Args(args[1..]));
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"{args[0]}: {ex.Message}");
            return Usage;
        }
        catch (ValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
                foreach (var m in messages) await Console.Error.WriteLineAsync($"{args[0]}: {(field.Length > 0 ? field + ": " : "")}{m}");
            return Failed;
        }
        catch (Exception ex)
        {
            // Whatever went wrong (database unreachable, a file missing, …), the operator gets one line, not a stack trace.
            await Console.Error.WriteLineAsync($"{args[0]} failed: {ex.GetBaseException().Message}");
            return Failed;
        }
    }

    /// <summary>
    /// A fresh database gets its schema here just as the server gives it on start (<c>Database:MigrateOnStart</c>),
    /// so <c>createsuperuser</c> works before the server has ever run; with that off, the operator is told to migrate.
    /// </summary>
    private static async Task<bool> SchemaReadyAsync(IServiceProvider services)
    {
        var options = services.GetRequiredService<IConfiguration>().GetSection(DatabaseStartupOptions.Section).Get<DatabaseStartupOptions>() ?? new();
        if (options.MigrateOnStart)
        {
            foreach (var m in await DatabaseStartup.MigrateAsync(services)) await Console.Error.WriteLineAsync($"  Applied {m}");
            return true;
        }
        await using var scope = services.CreateAsyncScope();
        var pending = (await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.GetPendingMigrationsAsync()).Count();
        if (pending == 0) return true;
        await Console.Error.WriteLineAsync($"The database is not up to date ({pending} migration{(pending == 1 ? "" : "s")} pending): run the 'migrate' command first.");
        return false;
    }

    private static async Task<int> Migrate(IServiceProvider services, Args args)
    {
        args.RejectUnknown();
        var applied = await DatabaseStartup.MigrateAsync(services);
        if (applied.Count == 0) Console.WriteLine("No migrations to apply.");
        foreach (var m in applied) Console.WriteLine($"  Applied {m}");
        return Ok;
    }

    private static async Task<int> ShowMigrations(IServiceProvider services, Args args)
    {
        args.RejectUnknown();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToHashSet();
        Console.WriteLine(services.GetRequiredService<DatabaseSettings>().Describe());
        foreach (var m in db.Database.GetMigrations()) Console.WriteLine($" [{(applied.Contains(m) ? "X" : " ")}] {m}");
        return Ok;
    }

    private static async Task<int> Seed(IServiceProvider services, Args args)
    {
        var countText = args.Value("count");
        args.RejectUnknown();
        if (countText is not null)
        {
            if (!int.TryParse(countText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count < 1)
                throw new ArgumentException($"--count must be a whole number of at least 1, not '{countText}'.");
            return await GenerateAsync(services, count);
        }
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<DemoCatalog>().SeedAsync(CancellationToken.None);
        Console.WriteLine(created == 0 ? "The demo catalog is already there." : $"Created {created} demo products.");
        return Ok;
    }

    private static async Task<int> GenerateAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var generator = scope.ServiceProvider.GetRequiredService<Shop.Infrastructure.Persistence.Seeding.LoadDataGenerator>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var bar = new ProgressBar(Console.Error, count);
        var prefix = await generator.GenerateAsync(count, new SyncProgress<int>(n => bar.Report(n)), CancellationToken.None);
        bar.Done();
        Console.WriteLine($"Generated {count} products (slugs {prefix}*) in {started.Elapsed.TotalSeconds:0.0} s.");
        return Ok;
    }

    private static async Task<int> Check(IServiceProvider services, Args args)
    {
        var deploy = args.Flag("deploy");
        args.RejectUnknown();
        var findings = (await ConfigurationChecks.BasicAsync(services, CancellationToken.None)).ToList();
        if (deploy)
        {
            findings.AddRange(ConfigurationChecks.Deploy(
                services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>(),
                services.GetRequiredService<DatabaseSettings>()));
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

    private static async Task<int> CreateSuperuser(IServiceProvider services, Args args)
    {
        var noInput = args.Flag("noinput");
        args.RejectUnknown();
        var user = noInput
            ? new CreateUser(Env("SHOP_SUPERUSER_USERNAME"), Env("SHOP_SUPERUSER_EMAIL"), Env("SHOP_SUPERUSER_PASSWORD"), true, true)
            : new CreateUser(Prompt.Line("Username"), Prompt.Line("Email address"), Prompt.NewPassword(), true, true);
        return await SendAsync(services, user, $"Superuser '{user.UserName}' created.");
    }

    private static async Task<int> CreateUser(IServiceProvider services, Args args)
    {
        var userName = args.Value("username");
        var email = args.Value("email");
        var staff = args.Flag("staff");
        var noInput = args.Flag("noinput");
        args.RejectUnknown();
        if (noInput && (userName is null || email is null)) throw new ArgumentException("--username and --email are required with --noinput.");
        var user = new CreateUser(
            userName ?? Prompt.Line("Username"), email ?? Prompt.Line("Email address"),
            noInput ? Env("SHOP_USER_PASSWORD") : Prompt.NewPassword(), staff, false);
        return await SendAsync(services, user, $"{(staff ? "Staff user" : "User")} '{user.UserName}' created.");
    }

    private static async Task<int> SendAsync(IServiceProvider services, CreateUser command, string done)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
        Console.WriteLine(done);
        return Ok;
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
