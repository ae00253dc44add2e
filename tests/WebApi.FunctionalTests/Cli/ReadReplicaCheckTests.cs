namespace Shop.WebApi.FunctionalTests.Cli;

/// <summary>The read replica's settings as the operator meets them: refused at start-up, or checked by <c>check</c>.</summary>
[Parallelizable(ParallelScope.All)]
public class ReadReplicaCheckTests
{
    [Test]
    public async Task A_read_url_beside_a_sqlite_database_stops_the_verb_with_the_reason()
    {
        var url = VerbRunner.TempSqliteUrl(out var file);

        var result = await VerbRunner.RunAsync(new Dictionary<string, string?> { ["DATABASE_URL"] = url, ["DATABASE_READ_URL"] = "postgres://shop:pw@standby/shop" }, "check");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Error, Does.Contain("The shop cannot start: DATABASE_READ_URL").And.Contain("PostgreSQL primary"));
        Assert.That(File.Exists(file), Is.False, "nothing was opened");
    }

    [Test]
    public async Task Check_reads_the_replica_and_names_one_that_does_not_answer()
    {
        var postgres = Environment.GetEnvironmentVariable("SHOP_TEST_POSTGRES");
        if (string.IsNullOrEmpty(postgres))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("SHOP_TEST_POSTGRES must be set in CI.");
            Assert.Ignore("SHOP_TEST_POSTGRES is not set; the replica check needs PostgreSQL.");
        }
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
        var database = $"shop_cli_replica_{Guid.NewGuid():N}";
        await using (var admin = new Npgsql.NpgsqlConnection(cs.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        try
        {
            string Url(int port) => $"postgres://{Uri.EscapeDataString(cs.Username!)}:{Uri.EscapeDataString(cs.Password ?? "")}@{cs.Host}:{port}/{database}";
            Dictionary<string, string?> Env(int readPort) => new()
            {
                ["DATABASE_URL"] = Url(cs.Port), ["DATABASE_READ_URL"] = Url(readPort),
                ["Jwt__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            };
            await VerbRunner.RunAsync(Env(cs.Port), "migrate");

            var answering = await VerbRunner.RunAsync(Env(cs.Port), "check");
            var silent = await VerbRunner.RunAsync(Env(1), "check");

            Assert.That(answering.ExitCode, Is.Zero, answering.Output + answering.Error);
            Assert.That(answering.Output, Does.Contain("No issues found"));
            Assert.That(silent.ExitCode, Is.EqualTo(1), silent.Output + silent.Error);
            Assert.That(silent.Output, Does.Contain("! DATABASE_READ_URL: The read replica PostgreSQL (").And.Contain(":1/").And.Contain("fix:"));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(cs.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
