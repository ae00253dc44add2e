namespace Shop.Application.Common.Idempotency;

/// <summary>A kept answer: its status, the headers worth replaying (<see cref="IdempotencyRules.ReplayedHeaders"/>) and its body.</summary>
public sealed record StoredAnswer(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>A key's entry: who made it (the request's fingerprint), when, and its answer once there is one.</summary>
public sealed record IdempotencyEntry(long Id, string Fingerprint, DateTime CreatedAt, StoredAnswer? Answer);

/// <summary>The outcome of a claim: <see cref="ClaimedId"/> when this request may run, else the entry that holds the key (null if it went meanwhile).</summary>
public sealed record IdempotencyClaim(long? ClaimedId, IdempotencyEntry? Holder);
