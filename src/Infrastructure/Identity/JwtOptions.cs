using System.Text;

namespace Shop.Infrastructure.Identity;

/// <summary>Bound from the <c>Jwt</c> section. The signing key comes from configuration only (environment, user secrets).</summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";

    /// <summary>The key committed in appsettings.Development.json; Production refuses to start with it.</summary>
    public const string DevelopmentKeyMarker = "development-only";

    public const int MinimumKeyBytes = 32;

    public string SigningKey { get; set; } = "";
    public string Issuer { get; set; } = "shop";
    public string Audience { get; set; } = "shop-api";
    public int AccessTokenMinutes { get; set; } = 15;
    public int RefreshTokenDays { get; set; } = 14;

    public Microsoft.IdentityModel.Tokens.SymmetricSecurityKey CreateSigningKey() => new(Encoding.UTF8.GetBytes(SigningKey));

    /// <summary>Why the key is not fit for production, or null when it is.</summary>
    public string? KeyProblem()
    {
        if (string.IsNullOrWhiteSpace(SigningKey)) return "Jwt__SigningKey is not set.";
        if (SigningKey.Contains(DevelopmentKeyMarker, StringComparison.OrdinalIgnoreCase)) return "Jwt__SigningKey is the development key.";
        if (Encoding.UTF8.GetByteCount(SigningKey) < MinimumKeyBytes) return $"Jwt__SigningKey is shorter than {MinimumKeyBytes} bytes.";
        return null;
    }
}
