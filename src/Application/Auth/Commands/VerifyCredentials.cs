using FluentValidation;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Validation;

namespace Shop.Application.Auth.Commands;

/// <summary>
/// Checks a username and password (counting failures towards lockout) for the web login form, which then
/// signs the user in with a cookie. Unknown user, wrong password and locked account fail alike.
/// </summary>
public sealed record VerifyCredentials(string? Username, string? Password) : IRequest<UserIdentity>;

public sealed class VerifyCredentialsValidator : AbstractValidator<VerifyCredentials>
{
    public VerifyCredentialsValidator()
    {
        RuleFor(x => x.Username).NotEmpty().WithMessage("Enter your username.").MaximumLength(256).NoNul();
        RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(1024).NoNul();
    }
}

public sealed class VerifyCredentialsHandler(IIdentityService identity) : IRequestHandler<VerifyCredentials, UserIdentity>
{
    public async Task<UserIdentity> Handle(VerifyCredentials request, CancellationToken cancellationToken) =>
        await identity.CheckPasswordAsync(request.Username!, request.Password!, cancellationToken)
        ?? throw new AuthenticationFailedException();
}
