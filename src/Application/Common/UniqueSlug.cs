using Shop.Application.Common.Exceptions;
using Shop.Domain.Common;

namespace Shop.Application.Common;

/// <summary>Chooses a free slug for a name: the slug itself, else <c>-2</c>, <c>-3</c>, … (the unique index still has the last word).</summary>
public static class UniqueSlug
{
    /// <param name="skipFree">How many free candidates to pass over: 0 normally; spread out on retries so
    /// that writers who clashed do not all pick the same next slug again.</param>
    public static async Task<string> ForNameAsync(
        string name, string fallback, Func<string, CancellationToken, Task<IReadOnlyCollection<string>>> slugsLike,
        CancellationToken cancellationToken, int skipFree = 0)
    {
        var baseSlug = BaseFor(name, fallback);
        var taken = (await slugsLike(baseSlug, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return FirstFree(baseSlug, taken, skipFree);
    }

    /// <summary>The slug a name starts from: <see cref="Slug.From"/>, or <paramref name="fallback"/> when nothing sluggable is left.</summary>
    public static string BaseFor(string name, string fallback) => Slug.From(name) is { Length: > 0 } slug ? slug : fallback;

    /// <summary>The first of <c>base</c>, <c>base-2</c>, <c>base-3</c>, … not in <paramref name="taken"/> (after passing over <paramref name="skipFree"/> free ones).</summary>
    public static string FirstFree(string baseSlug, IReadOnlySet<string> taken, int skipFree = 0)
    {
        var n = 1;
        while (true)
        {
            var candidate = Slug.WithSuffix(baseSlug, n++);
            if (!taken.Contains(candidate) && skipFree-- <= 0) return candidate;
        }
    }

    /// <summary>
    /// Saves a new entity whose slug was made from its name. If a concurrent writer took that slug between
    /// the choice and the insert, the unique index refuses it; then the next free slug is chosen and the
    /// save retried, so only a slug the client gave explicitly ever answers 409.
    /// </summary>
    public static async Task SaveChoosingAgainOnClashAsync(
        bool slugWasGiven, Func<CancellationToken, Task> save, Func<int, CancellationToken, Task> chooseAgain, CancellationToken cancellationToken)
    {
        const int attempts = 8;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await save(cancellationToken);
                return;
            }
            catch (ConflictException clash) when (!slugWasGiven && clash.Field == "slug" && !clash.SlugKeptAsRedirect && attempt < attempts)
            {
                await chooseAgain(Random.Shared.Next(attempt + 1), cancellationToken);
            }
        }
    }
}
