using FluentValidation;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Validation;

namespace Shop.Application.Auth.Commands;

/// <summary>Signs a user in with a password: a new access token and the first refresh token of a new chain.</summary>
public sealed record IssueToken : IRequest<TokenPairDto>
{
    public string? Username { get; init; }
    public string? Password { get; init; }
}

public sealed class IssueTokenValidator : AbstractValidator<IssueToken>
{
    public IssueTokenValidator()
    {
        RuleFor(x => x.Username).NotEmpty().MaximumLength(256).NoNul();
        RuleFor(x => x.Password).NotEmpty().MaximumLength(1024).NoNul();
    }
}

public sealed class IssueTokenHandler(IIdentityService identity, IAccessTokenIssuer issuer, IRefreshTokenStore refreshTokens)
    : IRequestHandler<IssueToken, TokenPairDto>
{
    public async Task<TokenPairDto> Handle(IssueToken request, CancellationToken cancellationToken)
    {
        var user = await identity.CheckPasswordAsync(request.Username!, request.Password!, cancellationToken)
                   ?? throw new AuthenticationFailedException();
        var access = issuer.Issue(user);
        var refresh = await refreshTokens.IssueAsync(user.Id, Guid.NewGuid(), cancellationToken);
        return new TokenPairDto(access.Token, refresh, access.ExpiresAt);
    }
}
