using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture]
[NonParallelizable] // changes the process's current directory
public sealed class DatabaseSettingsTests
{
    private string _folder = "";
    private string _previousDirectory = "";

    [SetUp]
    public void UseTempWorkingDirectory()
    {
        _folder = Path.Combine(Path.GetTempPath(), "shop-settings-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _previousDirectory = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(_folder);
    }

    [TearDown]
    public void RestoreWorkingDirectory()
    {
        Directory.SetCurrentDirectory(_previousDirectory);
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void Postgres_connections_prepare_repeated_statements_unless_the_connection_string_says_otherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DependencyInjection.WithPreparedStatements("Host=db;Database=shop"));
        var chosen = new NpgsqlConnectionStringBuilder(DependencyInjection.WithPreparedStatements("Host=db;Database=shop;Max Auto Prepare=0"));

        Assert.That(tuned.MaxAutoPrepare, Is.GreaterThan(0));
        Assert.That(tuned.Host, Is.EqualTo("db"));
        Assert.That(chosen.MaxAutoPrepare, Is.Zero);
    }

    [Test]
    public void Sqlite_url_with_three_slashes_is_relative_to_the_working_directory()
    {
        var settings = DatabaseSettings.FromUrl("sqlite:///data/shop.db");

        Assert.That(settings.Provider, Is.EqualTo(DatabaseProvider.Sqlite));
        Assert.That(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource,
            Is.EqualTo(Path.Combine(Directory.GetCurrentDirectory(), "data", "shop.db")));
    }

    [Test]
    public void Sqlite_url_with_four_slashes_is_absolute()
    {
        var absolute = Path.Combine(_folder, "abs", "shop.db");

        var settings = DatabaseSettings.FromUrl("sqlite:///" + absolute);

        Assert.That(absolute, Does.StartWith("/"), "this test assumes a Unix path");
        Assert.That(settings.Provider, Is.EqualTo(DatabaseProvider.Sqlite));
        Assert.That(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource, Is.EqualTo(absolute));
    }

    [Test]
    public void Sqlite_url_of_the_documented_absolute_form_names_that_absolute_path()
    {
        var settings = DatabaseSettings.FromUrl("sqlite:////" + _folder.TrimStart('/') + "/x/shop.db");

        Assert.That(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource, Is.EqualTo(_folder + "/x/shop.db"));
    }

    [Test]
    public void Postgres_url_becomes_an_npgsql_connection_string()
    {
        var settings = DatabaseSettings.FromUrl("postgres://u:p%40ss@db.example:6543/shop?sslmode=require");

        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.That(settings.Provider, Is.EqualTo(DatabaseProvider.Postgres));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(builder.Host, Is.EqualTo("db.example"));
            Assert.That(builder.Port, Is.EqualTo(6543));
            Assert.That(builder.Database, Is.EqualTo("shop"));
            Assert.That(builder.Username, Is.EqualTo("u"));
            Assert.That(builder.Password, Is.EqualTo("p@ss"));
            Assert.That(builder.SslMode, Is.EqualTo(SslMode.Require));
        }
    }

    [TestCase("postgresql://shop:secret@localhost/catalog")]
    [TestCase("postgres://shop:secret@localhost/catalog")]
    public void Postgres_url_without_port_uses_5432(string url)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseSettings.FromUrl(url).ConnectionString);

        Assert.That((builder.Host, builder.Port, builder.Database, builder.Username, builder.Password),
            Is.EqualTo(("localhost", 5432, "catalog", "shop", "secret")));
    }

    [TestCase("")]
    [TestCase("garbage")]
    [TestCase("not a url at all")]
    [TestCase("mysql://u:p@host:3306/shop")]
    [TestCase("http://example.com/shop")]
    [TestCase("sqlite://")]
    [TestCase("sqlite:///")]
    public void Unusable_url_is_a_format_exception(string url)
    {
        Assert.Throws<FormatException>(() => DatabaseSettings.FromUrl(url));
    }

    [Test]
    public void Database_url_wins_over_connection_string()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = "postgres://u:p@h:5555/d",
            ["ConnectionStrings:Shop"] = "Data Source=ignored.db",
        }).Build();

        var settings = DatabaseSettings.From(configuration, _folder);

        Assert.That(settings.Provider, Is.EqualTo(DatabaseProvider.Postgres));
        Assert.That(new NpgsqlConnectionStringBuilder(settings.ConnectionString).Port, Is.EqualTo(5555));
    }

    [TestCase("Postgres", DatabaseProvider.Postgres)]
    [TestCase("postgresql", DatabaseProvider.Postgres)]
    [TestCase("Sqlite", DatabaseProvider.Sqlite)]
    public void Connection_string_with_provider_is_used_as_given(string providerName, DatabaseProvider expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Shop"] = "Host=h;Database=d",
            ["Database:Provider"] = providerName,
        }).Build();

        var settings = DatabaseSettings.From(configuration, _folder);

        Assert.That(settings, Is.EqualTo(new DatabaseSettings(expected, "Host=h;Database=d")));
    }

    [Test]
    public void Nothing_configured_is_a_sqlite_file_in_the_data_folder()
    {
        var dataFolder = Path.Combine(_folder, "appdata");

        var settings = DatabaseSettings.From(new ConfigurationBuilder().Build(), dataFolder);

        Assert.That(settings.Provider, Is.EqualTo(DatabaseProvider.Sqlite));
        Assert.That(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource, Is.EqualTo(Path.Combine(dataFolder, "shop.db")));
    }
}
