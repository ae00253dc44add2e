using MediatR;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Auth.Commands;

/// <summary>
/// Signing out ends the user's sessions on the server, not only in this browser: a copy of the sign-in cookie taken
/// before stops working (new security stamp), and so does every refresh token the user holds.
/// </summary>
public sealed record EndSessions(string UserId) : IRequest<Unit>;

public sealed class EndSessionsHandler(IIdentityService identity, IRefreshTokenStore refreshTokens) : IRequestHandler<EndSessions, Unit>
{
    public async Task<Unit> Handle(EndSessions request, CancellationToken cancellationToken)
    {
        await identity.EndSessionsAsync(request.UserId, cancellationToken);
        await refreshTokens.RevokeUserAsync(request.UserId, cancellationToken);
        return Unit.Value;
    }
}
