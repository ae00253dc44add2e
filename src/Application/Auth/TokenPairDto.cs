namespace Shop.Application.Auth;

public sealed record TokenPairDto(string Access, string Refresh, DateTime AccessExpiresAt);
