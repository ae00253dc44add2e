namespace Shop.Infrastructure.Identity;

/// <summary>A refresh token as stored: only its SHA-256 hash, its chain (family) and its state.</summary>
public sealed class RefreshTokenEntry
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public Guid FamilyId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
