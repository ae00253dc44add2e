using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace Shop.Application.Common.Models;

/// <summary>
/// One key of a list's ordering, typed, with the way to read its value back from a row of the answer (for the cursor)
/// and to compare it in the database (for the next page).
/// </summary>
public abstract class SortKey<TEntity, TRow>
{
    public abstract bool Descending { get; }

    public abstract IOrderedQueryable<TEntity> OrderBy(IQueryable<TEntity> query, bool first);

    /// <summary>The value of this key for a row of the answer, as JSON (it travels inside the cursor).</summary>
    public abstract JsonElement ValueOf(TRow row);

    /// <summary><c>key op value</c> over <paramref name="entity"/>, the value sent as a parameter; false if the JSON is not a value of the key's type.</summary>
    public abstract bool TryCompare(ParameterExpression entity, JsonElement value, ExpressionType op, out Expression comparison);
}

public sealed class SortKey<TEntity, TRow, TKey>(Expression<Func<TEntity, TKey>> key, bool descending, Func<TRow, TKey> read)
    : SortKey<TEntity, TRow>
{
    private static readonly MethodInfo CompareStrings = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    public override bool Descending => descending;

    public override IOrderedQueryable<TEntity> OrderBy(IQueryable<TEntity> query, bool first) => (first, descending) switch
    {
        (true, false) => query.OrderBy(key),
        (true, true) => query.OrderByDescending(key),
        (false, false) => ((IOrderedQueryable<TEntity>)query).ThenBy(key),
        (false, true) => ((IOrderedQueryable<TEntity>)query).ThenByDescending(key),
    };

    public override JsonElement ValueOf(TRow row) => JsonSerializer.SerializeToElement(read(row));

    public override bool TryCompare(ParameterExpression entity, JsonElement value, ExpressionType op, out Expression comparison)
    {
        comparison = Expression.Constant(false);
        TKey? typed;
        try { typed = value.Deserialize<TKey>(); }
        catch (JsonException) { return false; }
        catch (FormatException) { return false; }
        if (typed is null) return false;
        TKey known = typed;
        // A captured variable, not a constant: the database sees a parameter, and one query plan serves every page.
        Expression<Func<TKey>> captured = () => known;
        var left = new Rebind(key.Parameters[0], entity).Visit(key.Body);
        if (typeof(TKey) == typeof(string) && op is not ExpressionType.Equal)
        {
            // Strings have no < operator in expression trees: string.Compare(a, b) op 0 is what EF Core translates to a < b.
            left = Expression.Call(CompareStrings, left, captured.Body);
            comparison = Expression.MakeBinary(op, left, Expression.Constant(0));
        }
        else comparison = Expression.MakeBinary(op, left, captured.Body);
        return true;
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>Keyset ("seek") paging: the rows after a given one in an ordering, found by a WHERE on the ordering's keys instead of an OFFSET.</summary>
public static class Keyset
{
    public static IOrderedQueryable<TEntity> OrderByKeys<TEntity, TRow>(this IQueryable<TEntity> query, IReadOnlyList<SortKey<TEntity, TRow>> keys)
    {
        var ordered = keys[0].OrderBy(query, first: true);
        foreach (var key in keys.Skip(1)) ordered = key.OrderBy(ordered, first: false);
        return ordered;
    }

    /// <summary>
    /// The rows strictly after the row whose key values are <paramref name="after"/>: (k1 &gt; v1) or (k1 = v1 and k2 &gt; v2) or …
    /// (&lt; for a descending key), led by k1 ≥ v1 so the database can start its walk of k1's index at v1 instead of at the
    /// first row (the OR alone is no index range). Null when the values do not fit the keys.
    /// </summary>
    public static Expression<Func<TEntity, bool>>? After<TEntity, TRow>(IReadOnlyList<SortKey<TEntity, TRow>> keys, IReadOnlyList<JsonElement> after)
    {
        if (after.Count != keys.Count) return null;
        var entity = Expression.Parameter(typeof(TEntity), "p");
        Expression? any = null, equalSoFar = null, start = null;
        for (var i = 0; i < keys.Count; i++)
        {
            var beyond = keys[i].Descending ? ExpressionType.LessThan : ExpressionType.GreaterThan;
            if (!keys[i].TryCompare(entity, after[i], beyond, out var past) || !keys[i].TryCompare(entity, after[i], ExpressionType.Equal, out var same))
                return null;
            var term = equalSoFar is null ? past : Expression.AndAlso(equalSoFar, past);
            any = any is null ? term : Expression.OrElse(any, term);
            equalSoFar = equalSoFar is null ? same : Expression.AndAlso(equalSoFar, same);
            if (i == 0 && keys.Count > 1)
                keys[0].TryCompare(entity, after[0], keys[0].Descending ? ExpressionType.LessThanOrEqual : ExpressionType.GreaterThanOrEqual, out start);
        }
        return Expression.Lambda<Func<TEntity, bool>>(start is null ? any! : Expression.AndAlso(start, any!), entity);
    }
}
