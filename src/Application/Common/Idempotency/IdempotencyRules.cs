using System.Security.Cryptography;
using System.Text;

namespace Shop.Application.Common.Idempotency;

/// <summary>
/// The rules of the <c>Idempotency-Key</c> header on the API's POSTs: what a key may be, what makes two requests the
/// same, whose answers are kept and for how long.
/// </summary>
public static class IdempotencyRules
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>How long an answer is replayed; after that the key may be used again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a request that claimed a key may run before its claim counts as abandoned (its process died between the
    /// claim and the answer): a retry then runs instead of waiting for an answer that will never come.
    /// </summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    /// <summary>How long a duplicate waits for the first request's answer before it is told to retry (409).</summary>
    public static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(20);

    /// <summary>The answer's headers a replay repeats; the others (Date, the security headers) are the replay's own.</summary>
    public static readonly IReadOnlyList<string> ReplayedHeaders =
        ["Content-Type", "Location", "ETag", "Last-Modified", "Cache-Control", "Content-Disposition", "Retry-After"];

    /// <summary>Why a key is unusable, or null: 1–255 printable ASCII characters (space to tilde).</summary>
    public static string? KeyProblem(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "The key must not be empty.";
        if (key.Length > MaxKeyLength) return $"The key must be at most {MaxKeyLength} characters.";
        if (key.Any(c => c is < ' ' or > '~')) return "The key must be printable ASCII characters only.";
        return null;
    }

    /// <summary>Whose key it is: the caller, the method and the path, so one caller's answer is never replayed to another.</summary>
    public static string Scope(string caller, string method, string path)
    {
        var text = $"{caller}\n{method.ToUpperInvariant()}\n{path.ToLowerInvariant().TrimEnd('/')}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>What makes a request the same as the first: SHA-256 of its content type and its body's bytes.</summary>
    public static IncrementalHash StartFingerprint(string? contentType)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes((contentType ?? "").Trim() + "\n"));
        return hash;
    }

    public static string Fingerprint(string? contentType, ReadOnlySpan<byte> body)
    {
        using var hash = StartFingerprint(contentType);
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Whether an answer is kept for replays: every 2xx–4xx (a validation failure or a conflict replays as it was) except
    /// the ones about the moment rather than the request: 401 and 403 (credentials can change), 408 and 429 (try later).
    /// A 5xx is never kept: the key is given up so that a retry runs.
    /// </summary>
    public static bool IsKept(int status) => status is >= 200 and < 500 and not (401 or 403 or 408 or 429);

    public static bool IsExpired(IdempotencyEntry entry, DateTime now) => entry.CreatedAt + Lifetime <= now;

    public static bool IsAbandoned(IdempotencyEntry entry, DateTime now) => entry.Answer is null && entry.CreatedAt + AbandonedAfter <= now;
}
