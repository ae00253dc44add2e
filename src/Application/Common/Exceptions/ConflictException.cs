namespace Shop.Application.Common.Exceptions;

/// <summary>The request clashes with the current state: a unique value already taken, a stale write.</summary>
public sealed class ConflictException : Exception
{
    public ConflictException(string message, string? field = null) : base(message)
    {
        Field = field;
        Errors = field is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { [field] = [message] };
    }

    /// <summary>Several clashes found at once (a batch): each field or item path (<c>[3].name</c>) with its messages.</summary>
    public ConflictException(IReadOnlyDictionary<string, string[]> errors)
        : base("One or more values are already taken; see errors.")
    {
        Errors = errors;
        Field = errors.Keys.FirstOrDefault();
    }

    /// <summary>The (first) field that clashes, as the API names it; null when the clash is not about one field.</summary>
    public string? Field { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>
    /// The slug is a renamed product's former slug, kept as its redirect: choosing another slug is up to the client (or,
    /// for a slug made from a name, is not retried: the refused save has already been written and rolled back).
    /// </summary>
    public bool SlugKeptAsRedirect { get; init; }
}
