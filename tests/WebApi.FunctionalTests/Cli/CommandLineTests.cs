using Microsoft.Data.Sqlite;
using Shop.WebApi.Cli;

namespace Shop.WebApi.FunctionalTests.Cli;

[Parallelizable(ParallelScope.All)]
public class CommandLineTests
{
    private static Dictionary<string, string?> Env(string databaseUrl, params (string Key, string? Value)[] more)
    {
        var env = new Dictionary<string, string?> { ["DATABASE_URL"] = databaseUrl };
        foreach (var (k, v) in more) env[k] = v;
        return env;
    }

    private static long CountProducts(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Products\"";
        return (long)command.ExecuteScalar()!;
    }

    [Test]
    public async Task Unknown_verb_lists_the_verbs_and_exits_2()
    {
        var result = await VerbRunner.RunAsync(Env(VerbRunner.TempSqliteUrl(out _)), "frobnicate");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("Unknown command 'frobnicate'").And.Contain("migrate").And.Contain("check"));
    }

    [TestCase("migrate")]
    [TestCase("showmigrations")]
    [TestCase("seed", "--count")]
    [TestCase("check", "--deploy")]
    [TestCase("createsuperuser", "--noinput")]
    [TestCase("createuser", "--username", "--email", "--staff", "--noinput")]
    [TestCase("import-products", "FILE.csv")]
    public async Task Help_on_a_verb_lists_its_options_exits_0_and_touches_no_database(string verb, params string[] options)
    {
        var url = VerbRunner.TempSqliteUrl(out var file);

        var result = await VerbRunner.RunAsync(Env(url), verb, "--help");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("Usage:").And.Contain(verb).And.Contain("--help"));
        foreach (var option in options) Assert.That(result.Output, Does.Contain(option));
        Assert.That(result.Error, Is.Empty);
        Assert.That(File.Exists(file), Is.False, "help builds no host and opens no database");
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public async Task Help_without_a_verb_lists_the_verbs_and_exits_0(string help)
    {
        var result = await VerbRunner.RunAsync(Env(VerbRunner.TempSqliteUrl(out _)), help);

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("migrate").And.Contain("showmigrations").And.Contain("seed").And.Contain("check")
            .And.Contain("createsuperuser").And.Contain("createuser").And.Contain("import-products"));
    }

    [TestCase("--count", new[] { "seed", "--count", "abc" })]
    [TestCase("--count", new[] { "seed", "--count", "-5" })]
    [TestCase("--count", new[] { "seed", "--count" })]
    [TestCase("--frobnicate", new[] { "migrate", "--frobnicate" })]
    [TestCase("--username", new[] { "createuser" })]
    [TestCase("--username", new[] { "createuser", "--email", "zoe@example.com", "--noinput" })]
    [TestCase("extra", new[] { "showmigrations", "extra" })]
    public async Task Bad_arguments_exit_2_with_one_line_naming_the_problem_before_touching_the_database(string named, string[] args)
    {
        var url = VerbRunner.TempSqliteUrl(out var file);

        var result = await VerbRunner.RunAsync(Env(url), args);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output + result.Error);
        Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.Contain(named).And.StartWith(args[0] + ": ").And.Not.Contain("Exception").And.Not.Contain("   at "));
        Assert.That(result.Output, Is.Empty);
        Assert.That(File.Exists(file), Is.False);
    }

    [TestCase(true, "migrate")]
    [TestCase(true, "frobnicate")]
    [TestCase(true, "--help")]
    [TestCase(true, "-h")]
    [TestCase(false)]
    [TestCase(false, "--urls", "http://127.0.0.1:5080")]
    [TestCase(false, "--environment", "Production")]
    [TestCase(false, "--contentRoot", "/srv/shop", "migrate")]
    public void Only_a_verb_or_help_goes_to_the_command_line_and_host_arguments_go_to_the_server(bool verb, params string[] args) =>
        Assert.That(CommandLine.IsVerb(args), Is.EqualTo(verb));

    [Test]
    public async Task Migrate_prints_what_it_applied_and_then_that_nothing_is_left()
    {
        var url = VerbRunner.TempSqliteUrl(out _);

        var first = await VerbRunner.RunAsync(Env(url), "migrate");
        var second = await VerbRunner.RunAsync(Env(url), "migrate");

        Assert.That((first.ExitCode, second.ExitCode), Is.EqualTo((0, 0)), first.Error + second.Error);
        Assert.That(first.Output, Does.Contain("Applied").And.Contain("Initial"));
        Assert.That(second.Output, Does.Contain("No migrations to apply."));
    }

    [Test]
    public async Task Seed_count_generates_exactly_that_many_products_with_plain_progress_lines_on_redirected_stderr()
    {
        var url = VerbRunner.TempSqliteUrl(out var file);
        await VerbRunner.RunAsync(Env(url), "migrate");

        var result = await VerbRunner.RunAsync(Env(url), "seed", "--count", "2500");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("Generated 2500 products"));
        Assert.That(result.Error, Does.Contain("100%"));
        Assert.That(result.Error.IndexOfAny(['\r', '\u001b']), Is.EqualTo(-1), "redirected stderr gets plain lines, no bar redrawn in place");
        Assert.That(CountProducts(file), Is.EqualTo(2500));
    }

    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("lots")]
    public async Task Seed_with_a_bad_count_says_why_and_exits_2(string count)
    {
        var result = await VerbRunner.RunAsync(Env(VerbRunner.TempSqliteUrl(out _)), "seed", "--count", count);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--count"));
    }

    [Test]
    public async Task Createuser_noinput_without_email_says_what_is_missing_and_exits_2()
    {
        var url = VerbRunner.TempSqliteUrl(out _);
        await VerbRunner.RunAsync(Env(url), "migrate");

        var result = await VerbRunner.RunAsync(Env(url, ("SHOP_USER_PASSWORD", "Passw0rd!x")), "createuser", "--username", "zoe", "--noinput");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--email"));
    }

    [Test]
    public async Task Createsuperuser_on_a_fresh_database_creates_the_schema_first_as_the_server_would()
    {
        var url = VerbRunner.TempSqliteUrl(out _);

        var result = await VerbRunner.RunAsync(Env(url,
            ("SHOP_SUPERUSER_USERNAME", "root"), ("SHOP_SUPERUSER_EMAIL", "root@example.com"), ("SHOP_SUPERUSER_PASSWORD", "Str0ng!pass")),
            "createsuperuser", "--noinput");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("Superuser 'root' created."));
        Assert.That(result.Error, Does.Contain("Applied").And.Not.Contain("Exception"));
    }

    [Test]
    public async Task Createsuperuser_takes_answers_piped_to_it_one_per_line()
    {
        var url = VerbRunner.TempSqliteUrl(out _);

        var result = await VerbRunner.RunWithInputAsync(Env(url), "piped\npiped@example.com\nStr0ng!pass\nStr0ng!pass\n", "createsuperuser");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("Username: ").And.Contain("Password (again): ").And.Contain("Superuser 'piped' created."));
    }

    [Test]
    public async Task Createuser_with_no_answers_left_points_at_noinput_and_exits_2()
    {
        var url = VerbRunner.TempSqliteUrl(out _);

        var result = await VerbRunner.RunWithInputAsync(Env(url), "zoe@example.com\n", "createuser", "--username", "zoe");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output + result.Error);
        Assert.That(result.Error, Does.Contain("no password given (end of input)").And.Not.Contain("Exception"));
    }

    [Test]
    public async Task A_data_verb_without_migrate_on_start_asks_for_migrate_and_writes_nothing()
    {
        var url = VerbRunner.TempSqliteUrl(out var file);

        var result = await VerbRunner.RunAsync(Env(url, ("Database__MigrateOnStart", "false")), "seed");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("run the 'migrate' command first").And.Not.Contain("Exception"));
        await VerbRunner.RunAsync(Env(url), "migrate");
        Assert.That(CountProducts(file), Is.Zero);
    }

    [Test]
    public async Task Createsuperuser_noinput_with_a_weak_password_explains_the_password_rules_and_fails()
    {
        var url = VerbRunner.TempSqliteUrl(out _);
        await VerbRunner.RunAsync(Env(url), "migrate");

        var result = await VerbRunner.RunAsync(Env(url,
            ("SHOP_SUPERUSER_USERNAME", "root"), ("SHOP_SUPERUSER_EMAIL", "root@example.com"), ("SHOP_SUPERUSER_PASSWORD", "short")),
            "createsuperuser", "--noinput");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("password"));
    }

    [TestCase("P@ssw0rd", "This password is too common.")]
    [TestCase("Root@Example1", "The password is too similar to the email address.")]
    public async Task Createsuperuser_noinput_prints_the_password_rule_it_breaks_and_fails(string password, string message)
    {
        var url = VerbRunner.TempSqliteUrl(out _);

        var result = await VerbRunner.RunAsync(Env(url,
            ("SHOP_SUPERUSER_USERNAME", "root"), ("SHOP_SUPERUSER_EMAIL", "root@example.com"), ("SHOP_SUPERUSER_PASSWORD", password)),
            "createsuperuser", "--noinput");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Error, Does.Contain($"password: {message}").And.Not.Contain("Exception"));
        Assert.That(result.Output, Does.Not.Contain("created"));
    }

    [Test]
    public async Task Createuser_noinput_with_an_entirely_numeric_password_prints_the_rule_and_fails()
    {
        var url = VerbRunner.TempSqliteUrl(out _);

        var result = await VerbRunner.RunAsync(Env(url, ("SHOP_USER_PASSWORD", "8675309412")),
            "createuser", "--username", "zoe", "--email", "zoe@example.com", "--noinput");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Error, Does.Contain("password: This password is entirely numeric."));
    }

    [Test]
    public async Task Check_deploy_on_a_default_configuration_lists_the_unsafe_settings_and_fails()
    {
        var url = VerbRunner.TempSqliteUrl(out _);
        await VerbRunner.RunAsync(Env(url), "migrate");

        var result = await VerbRunner.RunAsync(Env(url), "check", "--deploy");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output + result.Error);
        Assert.That(result.Output, Does.Contain("Jwt__SigningKey").And.Contain("AllowedHosts").And.Contain("DATABASE_URL")
            .And.Contain("HTTPS").And.Contain("AutoMapper__LicenseKey").And.Contain("fix:"));
    }

    [Test]
    public async Task Check_without_deploy_passes_on_a_migrated_database()
    {
        var url = VerbRunner.TempSqliteUrl(out _);
        await VerbRunner.RunAsync(Env(url), "migrate");

        var result = await VerbRunner.RunAsync(Env(url, ("Jwt__SigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)))), "check");

        Assert.That(result.ExitCode, Is.Zero, result.Output + result.Error);
        Assert.That(result.Output, Does.Contain("No issues found"));
    }

    [TestCase(null)]
    [TestCase("too-short")]
    public async Task Check_without_deploy_fails_on_a_signing_key_the_server_would_refuse(string? key)
    {
        // The server in Production does not start with this key; check must not call the configuration fine.
        var url = VerbRunner.TempSqliteUrl(out _);
        await VerbRunner.RunAsync(Env(url), "migrate");

        var result = await VerbRunner.RunAsync(Env(url, ("Jwt__SigningKey", key)), "check");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output + result.Error);
        Assert.That(result.Output, Does.Contain("Jwt__SigningKey").And.Contain("fix:").And.Contain("1 issue found"));
    }

    [Test]
    public async Task Check_deploy_names_a_bad_signing_key_once()
    {
        var url = VerbRunner.TempSqliteUrl(out _);
        await VerbRunner.RunAsync(Env(url), "migrate");

        var result = await VerbRunner.RunAsync(Env(url), "check", "--deploy");

        Assert.That(result.Output.Split('\n').Count(l => l.StartsWith("! Jwt__SigningKey", StringComparison.Ordinal)), Is.EqualTo(1), result.Output);
    }

    [Test]
    public async Task Check_deploy_on_a_hardened_configuration_passes()
    {
        await using var database = await ScratchPostgresDatabase.CreateAsync("shop_cli", "the hardened check");
        var hardened = Env(database.Url(),
            ("ASPNETCORE_ENVIRONMENT", "Production"), ("Jwt__SigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48))),
            ("AllowedHosts", "shop.example.com"), ("Https__TerminatedByProxy", "true"), ("AutoMapper__LicenseKey", "test-licence"));
        await VerbRunner.RunAsync(hardened, "migrate");

        var result = await VerbRunner.RunAsync(hardened, "check", "--deploy");

        Assert.That(result.ExitCode, Is.Zero, result.Output + result.Error);
        Assert.That(result.Output, Does.Contain("No issues found"));
    }
}
