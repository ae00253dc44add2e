namespace Shop.Infrastructure.Idempotency;

/// <summary>One row of <c>IdempotencyKeys</c>: a claimed key and, once the request answered, its answer.</summary>
internal sealed class IdempotencyKeyEntry
{
    public long Id { get; set; }

    /// <summary>SHA-256 (hex) of caller, method and path (<see cref="Application.Common.Idempotency.IdempotencyRules.Scope"/>).</summary>
    public string Scope { get; set; } = "";
    public string Key { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>Null while the first request runs.</summary>
    public int? StatusCode { get; set; }
    public string? HeadersJson { get; set; }
    public byte[]? Body { get; set; }
}
