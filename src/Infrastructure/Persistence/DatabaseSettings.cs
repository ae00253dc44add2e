using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Shop.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database to use, from <c>DATABASE_URL</c>, else <c>ConnectionStrings:Shop</c> + <c>Database:Provider</c>, else a SQLite file.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings From(IConfiguration configuration, string dataFolder)
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
    /// dj-database-url style: <c>sqlite:///data/shop.db</c> (relative to the working directory),
    /// <c>sqlite:////var/lib/shop/shop.db</c> (absolute), <c>postgres://user:pass@host:port/db?sslmode=require</c>.
    /// </summary>
    public static DatabaseSettings FromUrl(string url)
    {
        if (url.StartsWith("sqlite://", StringComparison.OrdinalIgnoreCase))
        {
            var path = url["sqlite://".Length..];
            if (path.StartsWith('/')) path = path[1..]; // the third slash separates host from path
            if (path.Length == 0 || path == ":memory:") throw new FormatException("DATABASE_URL names no SQLite file.");
            return Sqlite(Path.GetFullPath(Uri.UnescapeDataString(path), Directory.GetCurrentDirectory()));
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql" or "pgsql"))
            throw new FormatException("DATABASE_URL must start with sqlite:// or postgres://.");

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

    private static string DescribePostgres(NpgsqlConnectionStringBuilder b) => $"PostgreSQL ({b.Host}:{b.Port}/{b.Database})";
}
