using Microsoft.Data.Sqlite;

namespace Shop.WebApi.FunctionalTests.Cli;

/// <summary><c>import-products</c> run as a process, as an operator runs it.</summary>
[Parallelizable(ParallelScope.All)]
public class ImportProductsVerbTests
{
    private const string Header = "id,name,slug,description,price,isActive,status,publishedAt,createdAt,updatedAt,category,tags,specs";

    private static Dictionary<string, string?> Env(string url) => new() { ["DATABASE_URL"] = url };

    private static long Count(string file, string sql = "SELECT COUNT(*) FROM \"Products\"")
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<(string Url, string Db)> MigratedAsync()
    {
        var url = VerbRunner.TempSqliteUrl(out var db);
        var migrate = await VerbRunner.RunAsync(Env(url), "migrate");
        Assert.That(migrate.ExitCode, Is.Zero, migrate.Error);
        return (url, db);
    }

    private static async Task<string> CsvFileAsync(params string[] lines)
    {
        var file = Path.Combine(Path.GetTempPath(), "shop-cli-tests", $"{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, string.Join("\r\n", lines) + "\r\n");
        return file;
    }

    [Test]
    public async Task Imports_a_file_creating_products_with_progress_on_stderr_then_updates_them_by_slug()
    {
        var (url, db) = await MigratedAsync();
        var file = await CsvFileAsync(Header,
            "1,MX Board,mx-board,\"Multi\nline, \"\"quoted\"\"\",299,true,published,,,,,,\"{\"\"switch\"\":\"\"brown\"\"}\"",
            "2,'=Formula,formula,'-dash,0,false,draft,,,,,,{}");

        var first = await VerbRunner.RunAsync(Env(url), "import-products", file);
        var second = await VerbRunner.RunAsync(Env(url), "import-products", file);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Error);
            Assert.That(first.Output, Does.Contain("2 created, 0 updated"));
            Assert.That(first.Error, Does.Contain("100%"));
            Assert.That(second.Output, Does.Contain("0 created, 2 updated"));
            Assert.That(Count(db), Is.EqualTo(2));
            Assert.That(Count(db, "SELECT COUNT(*) FROM \"Products\" WHERE \"Name\" = '=Formula' AND \"Description\" = '-dash'"), Is.EqualTo(1),
                "the quote that guards against formulas is stripped again");
        });
    }

    [Test]
    public async Task Bad_rows_are_reported_by_line_with_the_reason_and_nothing_is_written()
    {
        var (url, db) = await MigratedAsync();
        var file = await CsvFileAsync(Header,
            "1,Good,good,,10,true,draft,,,,,,{}",
            "2,Bad price,bad-price,,ten,true,draft,,,,,,{}",
            "3,Unknown category,unknown-category,,10,true,draft,,,,nope,,{}",
            "4,Unknown tag,unknown-tag,,10,true,draft,,,,,ghost:1,{}");

        var parse = await VerbRunner.RunAsync(Env(url), "import-products", file);
        var fixedPrice = await CsvFileAsync(File.ReadAllLines(file).Select(l => l.Replace(",ten,", ",10,", StringComparison.Ordinal)).ToArray());
        var references = await VerbRunner.RunAsync(Env(url), "import-products", fixedPrice);

        Assert.Multiple(() =>
        {
            Assert.That(parse.ExitCode, Is.EqualTo(1));
            Assert.That(parse.Error, Does.Contain("line 3: price: 'ten' is not a number."));
            Assert.That(parse.Error, Does.Contain("nothing was imported"));
            Assert.That(references.ExitCode, Is.EqualTo(1));
            Assert.That(references.Error, Does.Contain("line 4: Unknown category 'nope'.").And.Contain("line 5: Unknown tag slug(s): ghost."));
            Assert.That(Count(db), Is.Zero, "all or nothing");
        });
    }

    [Test]
    public async Task A_missing_file_or_no_file_argument_is_a_clear_non_zero_exit()
    {
        var (url, _) = await MigratedAsync();

        var missing = await VerbRunner.RunAsync(Env(url), "import-products", "/nonexistent/products.csv");
        var none = await VerbRunner.RunAsync(Env(url), "import-products");
        var extra = await VerbRunner.RunAsync(Env(url), "import-products", "a.csv", "--frobnicate");

        Assert.Multiple(() =>
        {
            Assert.That(missing.ExitCode, Is.EqualTo(2), "a file that is not there is a bad argument");
            Assert.That(missing.Error, Does.Contain("no such file: /nonexistent/products.csv"));
            Assert.That(none.ExitCode, Is.EqualTo(2));
            Assert.That(none.Error, Does.Contain("import-products FILE.csv"));
            Assert.That(extra.ExitCode, Is.EqualTo(2));
            Assert.That(extra.Error, Does.Contain("--frobnicate"));
        });
    }

    [Test]
    public async Task A_file_without_the_needed_columns_is_refused()
    {
        var (url, _) = await MigratedAsync();
        var file = await CsvFileAsync("id,title", "1,x");

        var result = await VerbRunner.RunAsync(Env(url), "import-products", file);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("lacks the column(s) name, slug, price"));
    }
}
