using Shop.Domain.Common;

namespace Shop.Application.Common;

/// <summary>Chooses a free slug for a name: the slug itself, else <c>-2</c>, <c>-3</c>, … (the unique index still has the last word).</summary>
public static class UniqueSlug
{
    public static async Task<string> ForNameAsync(
        string name, string fallback, Func<string, CancellationToken, Task<IReadOnlyCollection<string>>> slugsLike, CancellationToken cancellationToken)
    {
        var baseSlug = Slug.From(name);
        if (baseSlug.Length == 0) baseSlug = fallback;
        var taken = (await slugsLike(baseSlug, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var n = 1;
        string candidate;
        do candidate = Slug.WithSuffix(baseSlug, n++);
        while (taken.Contains(candidate));
        return candidate;
    }
}
