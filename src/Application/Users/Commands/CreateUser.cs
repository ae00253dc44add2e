using FluentValidation;
using MediatR;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Validation;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.Users.Commands;

public static class Roles
{
    /// <summary>May see everything and write; a superuser has it too.</summary>
    public const string Staff = "Staff";

    public const string Superuser = "Superuser";
}

/// <summary>Creates a user (the CLI's createuser and createsuperuser); password rules are the identity store's.</summary>
public sealed record CreateUser(string? UserName, string? Email, string? Password, bool IsStaff, bool IsSuperuser) : IRequest<Unit>;

public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(x => x.UserName).NotEmpty().MaximumLength(150)
            .Matches(@"^[\w.@+-]+$").WithMessage("The username may contain only letters, digits and @ . + - _.");
        RuleFor(x => x.Email).NotEmpty().EmailAddress().MaximumLength(254).NoNul();
        RuleFor(x => x.Password).NotEmpty().WithMessage("The password is required.");
    }
}

public sealed class CreateUserHandler(IIdentityService identity) : IRequestHandler<CreateUser, Unit>
{
    public async Task<Unit> Handle(CreateUser request, CancellationToken cancellationToken)
    {
        var roles = new List<string>();
        if (request.IsStaff || request.IsSuperuser) roles.Add(Roles.Staff);
        if (request.IsSuperuser) roles.Add(Roles.Superuser);
        var errors = await identity.CreateUserAsync(request.UserName!, request.Email!, request.Password!, roles, cancellationToken);
        if (errors.Count > 0) throw new ValidationException(errors);
        return Unit.Value;
    }
}
