using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Shop.Application.Common.Exceptions;
using Shop.Domain.Products;

namespace Shop.Infrastructure.Persistence.Repositories;

/// <summary>
/// The bulk price change's one <c>UPDATE … RETURNING</c> per provider. The new price is computed by the database from
/// the row's current price, rounded as <see cref="PriceChange.Apply"/> rounds it: PostgreSQL's <c>round(numeric, 2)</c>
/// is half away from zero; SQLite keeps integer cents, so a percent is an exact integer product rounded half up (prices
/// are never negative). The DB's CHECK constraint on the price is the last guard.
/// </summary>
internal static class PriceChangeSql
{
    public static async Task<IReadOnlyDictionary<int, decimal>> UpdateAsync(
        ShopDbContext db, IReadOnlyList<int> ids, PriceChange change, DateTime now, CancellationToken cancellationToken)
    {
        var postgres = db.Dialect == DatabaseDialect.Postgres;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk price change runs inside a transaction.");
        string price;
        if (postgres)
        {
            price = change.Amount is { } amount ? $"\"Price\" + {Add(command, "amount", amount)}"
                : $"round(\"Price\" * {Add(command, "factor", (100m + change.Percent!.Value) / 100m)}, 2)";
            Add(command, "ids", ids.ToArray());
            Add(command, "now", DateTime.SpecifyKind(now, DateTimeKind.Utc));
        }
        else
        {
            price = change.Amount is { } amount ? $"\"Price\" + {Add(command, "amount", (long)(amount * 100m))}"
                : $"(\"Price\" * {Add(command, "factor", (long)((100m + change.Percent!.Value) * 100m))} + 5000) / 10000";
            Add(command, "ids", JsonSerializer.Serialize(ids));
            Add(command, "now", now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        }
        var which = postgres ? "\"Id\" = ANY(@ids)" : "\"Id\" IN (SELECT value FROM json_each(@ids))";
        command.CommandText = $"""
            UPDATE "Products" SET "Price" = {price}, "UpdatedAt" = @now, "Version" = "Version" + 1
            WHERE {which}
            RETURNING "Id", "Price"
            """;
        var after = new Dictionary<int, decimal>(ids.Count);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                after[reader.GetInt32(0)] = postgres ? reader.GetDecimal(1) : reader.GetInt64(1) / 100m;
        }
        catch (DbException ex) when (ex.Message.Contains("CK_Products_Price", StringComparison.Ordinal))
        {
            // Checked before the UPDATE under the rows' locks, so only a bug gets here: still a refusal, never a 500.
            throw new ConflictException($"A price would leave {Price.Min}–{Price.Max}; nothing was changed.", change.Amount is null ? "percent" : "amount");
        }
        return after;
    }

    private static string Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }
}
