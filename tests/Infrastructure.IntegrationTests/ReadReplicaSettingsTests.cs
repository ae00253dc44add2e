using Microsoft.Extensions.Configuration;
using Npgsql;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.Replication;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture]
public sealed class ReadReplicaSettingsTests
{
    private static DatabaseSettings From(params (string Key, string Value)[] settings) =>
        DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(),
            Path.Combine(Path.GetTempPath(), "shop-replica-settings"));

    [Test]
    public void Without_a_read_setting_there_is_no_replica()
    {
        var settings = From(("DATABASE_URL", "postgres://shop:pw@primary:5432/shop"));

        Assert.That(settings.ReadConnectionString, Is.Null);
        Assert.That(settings.DescribeRead(), Is.Null);
    }

    [Test]
    public void Read_url_is_parsed_like_DATABASE_URL()
    {
        var settings = From(("DATABASE_URL", "postgres://shop:pw@primary:5432/shop"), ("DATABASE_READ_URL", "postgres://reader:s%40cret@standby:5433/shop?sslmode=require"));

        var read = new NpgsqlConnectionStringBuilder(settings.ReadConnectionString);
        Assert.Multiple(() =>
        {
            Assert.That(read.Host, Is.EqualTo("standby"));
            Assert.That(read.Port, Is.EqualTo(5433));
            Assert.That(read.Database, Is.EqualTo("shop"));
            Assert.That(read.Username, Is.EqualTo("reader"));
            Assert.That(read.Password, Is.EqualTo("s@cret"));
            Assert.That(read.SslMode, Is.EqualTo(SslMode.Require));
            Assert.That(new NpgsqlConnectionStringBuilder(settings.ConnectionString).Host, Is.EqualTo("primary"), "the primary is unchanged");
            Assert.That(settings.DescribeRead(), Is.EqualTo("PostgreSQL (standby:5433/shop)"));
        });
    }

    [Test]
    public void Read_connection_string_is_used_when_there_is_no_read_url()
    {
        var settings = From(("ConnectionStrings:Shop", "Host=primary;Database=shop"), ("Database:Provider", "Postgres"),
            ("ConnectionStrings:ShopRead", "Host=standby;Database=shop"));

        Assert.That(new NpgsqlConnectionStringBuilder(settings.ReadConnectionString).Host, Is.EqualTo("standby"));
    }

    [Test]
    public void Read_url_wins_over_the_read_connection_string()
    {
        var settings = From(("DATABASE_URL", "postgres://shop:pw@primary/shop"), ("DATABASE_READ_URL", "postgres://shop:pw@from-url/shop"),
            ("ConnectionStrings:ShopRead", "Host=from-string;Database=shop"));

        Assert.That(new NpgsqlConnectionStringBuilder(settings.ReadConnectionString).Host, Is.EqualTo("from-url"));
    }

    [TestCase("sqlite:///data/replica.db")]
    [TestCase("mysql://shop@standby/shop")]
    public void A_read_url_that_is_not_postgres_is_refused_by_name(string url)
    {
        var error = Assert.Throws<FormatException>(() => From(("DATABASE_URL", "postgres://shop:pw@primary/shop"), ("DATABASE_READ_URL", url)));

        Assert.That(error!.Message, Does.Contain("DATABASE_READ_URL"));
    }

    [Test]
    public void A_read_connection_string_that_is_not_npgsql_is_refused_by_name()
    {
        var error = Assert.Throws<FormatException>(() => From(("DATABASE_URL", "postgres://shop:pw@primary/shop"), ("ConnectionStrings:ShopRead", "Data Sauce=nowhere")));

        Assert.That(error!.Message, Does.Contain("ConnectionStrings__ShopRead"));
    }

    [Test]
    public void A_replica_beside_a_sqlite_primary_is_refused_with_what_to_change()
    {
        var error = Assert.Throws<FormatException>(() => From(("DATABASE_URL", "sqlite:///" + Path.Combine(Path.GetTempPath(), "shop-replica-settings", "shop.db")),
            ("DATABASE_READ_URL", "postgres://shop:pw@standby/shop")));

        Assert.That(error!.Message, Does.Contain("DATABASE_READ_URL").And.Contain("SQLite").And.Contain("postgres://"));
    }

    [Test]
    public void Replica_sessions_are_read_only_and_prepare_statements_like_the_primary()
    {
        var session = new NpgsqlConnectionStringBuilder(ReadReplica.SessionConnectionString("Host=standby;Database=shop;Options=-c statement_timeout=5s"));

        Assert.That(session.Options, Does.Contain("default_transaction_read_only=on").And.Contain("statement_timeout=5s"));
        Assert.That(session.MaxAutoPrepare, Is.EqualTo(new NpgsqlConnectionStringBuilder(DependencyInjection.WithPreparedStatements("Host=standby")).MaxAutoPrepare));
        Assert.That(session.MaxAutoPrepare, Is.GreaterThan(0));
    }
}
