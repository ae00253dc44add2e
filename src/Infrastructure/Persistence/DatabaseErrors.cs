using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Application.Common.Exceptions;

namespace Shop.Infrastructure.Persistence;

/// <summary>Turns constraint violations into the application's conflicts, naming the field a client sent.</summary>
internal static class DatabaseErrors
{
    private const int SqliteConstraint = 19;

    // Columns behind unique indexes → the API field that carries them.
    private static readonly (string Column, string Field)[] Fields =
    [
        ("NameKey", "name"), ("Name", "name"), ("Slug", "slug"), ("NormalizedUserName", "username"),
    ];

    public static Exception? Translate(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException ? new PreconditionFailedException() : Translate(ex.InnerException);

    /// <summary>The same for an error of SQL sent directly (the import's set-based statements).</summary>
    public static Exception? Translate(Exception? providerError)
    {
        return providerError switch
        {
            SqliteException { SqliteErrorCode: SqliteConstraint } fk when fk.Message.Contains("FOREIGN KEY", StringComparison.Ordinal) =>
                new ConflictException("The change conflicts with related data (it is still referenced, or refers to something missing)."),
            SqliteException { SqliteErrorCode: SqliteConstraint } sqlite when sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal) =>
                Unique(FieldIn(sqlite.Message)),
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg => Unique(FieldIn(pg.ConstraintName ?? "")),
            PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } =>
                new ConflictException("The change conflicts with related data (it is still referenced, or refers to something missing)."),
            _ => null,
        };
    }

    public static bool IsUniqueViolation(DbUpdateException ex) => Translate(ex) is ConflictException { Field: not null };

    private static ConflictException Unique(string? field) =>
        new(field is null ? "A value that must be unique is already taken." : $"This {field} is already taken.", field);

    // SQLite: "UNIQUE constraint failed: Products.Slug"; PostgreSQL: constraint "IX_Products_Slug".
    private static string? FieldIn(string text)
    {
        foreach (var (column, field) in Fields)
        {
            if (text.EndsWith("." + column, StringComparison.Ordinal) || text.EndsWith("_" + column, StringComparison.Ordinal)
                || text.Contains("." + column + "'", StringComparison.Ordinal) || text.Contains("." + column + " ", StringComparison.Ordinal))
                return field;
        }
        return null;
    }
}
