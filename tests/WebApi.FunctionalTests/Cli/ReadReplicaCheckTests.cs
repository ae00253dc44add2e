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
        await using var database = await ScratchPostgresDatabase.CreateAsync("shop_cli_replica", "the replica check");
        Dictionary<string, string?> Env(int? readPort) => new()
        {
            ["DATABASE_URL"] = database.Url(), ["DATABASE_READ_URL"] = database.Url(readPort),
            ["Jwt__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
        };
        await VerbRunner.RunAsync(Env(null), "migrate");

        var answering = await VerbRunner.RunAsync(Env(null), "check");
        var silent = await VerbRunner.RunAsync(Env(1), "check");

        Assert.That(answering.ExitCode, Is.Zero, answering.Output + answering.Error);
        Assert.That(answering.Output, Does.Contain("No issues found"));
        Assert.That(silent.ExitCode, Is.EqualTo(1), silent.Output + silent.Error);
        Assert.That(silent.Output, Does.Contain("! DATABASE_READ_URL: The read replica PostgreSQL (").And.Contain(":1/").And.Contain("fix:"));
    }
}
