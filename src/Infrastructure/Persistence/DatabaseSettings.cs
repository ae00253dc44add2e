using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Shop.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database to use, from <c>DATABASE_URL</c>, else <c>ConnectionStrings:Shop</c> + <c>Database:Provider</c>, else a SQLite file;
/// and, on PostgreSQL, an optional read replica for anonymous catalog reads (<see cref="ReadConnectionString"/>).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ReadUrlVariable = "DATABASE_READ_URL";
    public const string ReadConnectionStringName = "ShopRead";

    /// <summary>
    /// A read-only copy of the primary (a streaming hot standby), from <c>DATABASE_READ_URL</c> or
    /// <c>ConnectionStrings:ShopRead</c>; null when neither is set (every read goes to the primary).
    /// </summary>
    public string? ReadConnectionString { get; init; }

    public static DatabaseSettings From(IConfiguration configuration, string dataFolder)
    {
        var primary = PrimaryFrom(configuration, dataFolder);
        return primary with { ReadConnectionString = ReadFrom(configuration, primary) };
    }

    private static DatabaseSettings PrimaryFrom(IConfiguration configuration, string dataFolder)
    {
        var url = configuration["DATABASE_URL"];
        if (!string.IsNullOrWhiteSpace(url)) return FromUrl(url);

        var connectionString = configuration.GetConnectionString("Shop");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var provider = Enum.TryParse<DatabaseProvider>(configuration["Database:Provider"], ignoreCase: true, out var p) ? p
                : configuration["Database:Provider"] is "postgresql" or "npgsql" ? DatabaseProvider.Postgres
                : DatabaseProvider.Sqlite;
            return new DatabaseSettings(provider, connectionString);
        }
        return Sqlite(Path.Combine(dataFolder, "shop.db"));
    }

    /// <summary>
    /// The replica's connection string. A replica is a PostgreSQL feature: with a SQLite primary (one file, one server) a
    /// read setting is a mistake to report at start-up, not to ignore.
    /// </summary>
    private static string? ReadFrom(IConfiguration configuration, DatabaseSettings primary)
    {
        string? read = null;
        var url = configuration[ReadUrlVariable];
        if (!string.IsNullOrWhiteSpace(url))
        {
            if (!url.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
                throw new FormatException($"{ReadUrlVariable} must be a postgres:// URL (a read replica is a PostgreSQL standby).");
            read = FromUrl(url, ReadUrlVariable).ConnectionString;
        }
        else if (configuration.GetConnectionString(ReadConnectionStringName) is { } connectionString && !string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                read = new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"ConnectionStrings__{ReadConnectionStringName} is not a PostgreSQL connection string: {ex.Message}");
            }
        }
        if (read is not null && primary.Provider != DatabaseProvider.Postgres)
            throw new FormatException($"{ReadUrlVariable} (or ConnectionStrings__{ReadConnectionStringName}) needs a PostgreSQL primary, but the database is {primary.Describe()}. "
                                      + "Remove the read setting, or set DATABASE_URL to postgres://….");
        return read;
    }

    /// <summary>
    /// dj-database-url style: <c>sqlite:///data/shop.db</c> (relative to the working directory),
    /// <c>sqlite:////var/lib/shop/shop.db</c> (absolute), <c>postgres://user:pass@host:port/db?sslmode=require</c>.
    /// </summary>
    public static DatabaseSettings FromUrl(string url, string variable = "DATABASE_URL")
    {
        if (url.StartsWith("sqlite://", StringComparison.OrdinalIgnoreCase))
        {
            var path = url["sqlite://".Length..];
            if (path.StartsWith('/')) path = path[1..]; // the third slash separates host from path
            if (path.Length == 0 || path == ":memory:") throw new FormatException($"{variable} names no SQLite file.");
            return Sqlite(Path.GetFullPath(Uri.UnescapeDataString(path), Directory.GetCurrentDirectory()));
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql" or "pgsql"))
            throw new FormatException($"{variable} must start with sqlite:// or postgres://.");

        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = userInfo.Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : null,
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
        };
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv[0].Equals("sslmode", StringComparison.OrdinalIgnoreCase) && kv.Length == 2 && Enum.TryParse<SslMode>(kv[1], true, out var mode))
                builder.SslMode = mode;
        }
        return new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString);
    }

    private static DatabaseSettings Sqlite(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var builder = new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 30, Pooling = true };
        return new DatabaseSettings(DatabaseProvider.Sqlite, builder.ConnectionString);
    }

    /// <summary>The connection string without its password, for messages.</summary>
    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite ({new SqliteConnectionStringBuilder(ConnectionString).DataSource})"
        : DescribePostgres(new NpgsqlConnectionStringBuilder(ConnectionString));

    /// <summary>The read replica without its password, for messages; null without one.</summary>
    public string? DescribeRead() => ReadConnectionString is null ? null : DescribePostgres(new NpgsqlConnectionStringBuilder(ReadConnectionString));

    private static string DescribePostgres(NpgsqlConnectionStringBuilder b) => $"PostgreSQL ({b.Host}:{b.Port}/{b.Database})";
}
