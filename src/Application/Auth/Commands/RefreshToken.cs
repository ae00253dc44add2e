using FluentValidation;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Validation;

namespace Shop.Application.Auth.Commands;

/// <summary>
/// Trades a refresh token for a new pair. Each refresh token works once: the old one is used up and a new
/// one joins the same chain. Presenting a token that was already used (a stolen copy, or the thief's
/// replay) revokes the whole chain, so both parties must sign in again.
/// </summary>
public sealed record RefreshToken : IRequest<TokenPairDto>
{
    public string? Refresh { get; init; }
}

public sealed class RefreshTokenValidator : AbstractValidator<RefreshToken>
{
    public RefreshTokenValidator() => RuleFor(x => x.Refresh).NotEmpty().MaximumLength(512).NoNul();
}

public sealed class RefreshTokenHandler(
    IRefreshTokenStore refreshTokens, IIdentityService identity, IAccessTokenIssuer issuer, TimeProvider clock)
    : IRequestHandler<RefreshToken, TokenPairDto>
{
    public async Task<TokenPairDto> Handle(RefreshToken request, CancellationToken cancellationToken)
    {
        var token = await refreshTokens.FindAsync(request.Refresh!, cancellationToken) ?? throw new AuthenticationFailedException();
        if (token.IsRevoked) throw new AuthenticationFailedException();
        if (token.IsUsed || !await refreshTokens.TryMarkUsedAsync(token.Id, cancellationToken))
        {
            await refreshTokens.RevokeFamilyAsync(token.FamilyId, cancellationToken);
            throw new AuthenticationFailedException();
        }
        if (token.ExpiresAt <= clock.GetUtcNow().UtcDateTime) throw new AuthenticationFailedException();

        var user = await identity.FindActiveAsync(token.UserId, cancellationToken) ?? throw new AuthenticationFailedException();
        var access = issuer.Issue(user);
        var refresh = await refreshTokens.IssueAsync(user.Id, token.FamilyId, cancellationToken);
        // A replay racing this rotation revokes the chain when it loses the mark-used race above, which may be before
        // the new token existed: then the chain is revoked again, the new token with it, and this request fails too.
        if ((await refreshTokens.FindAsync(request.Refresh!, cancellationToken))?.IsRevoked != false)
        {
            await refreshTokens.RevokeFamilyAsync(token.FamilyId, cancellationToken);
            throw new AuthenticationFailedException();
        }
        return new TokenPairDto(access.Token, refresh, access.ExpiresAt);
    }
}
