using Moq;
using Shop.Application.Common.Interfaces;
using Shop.Application.Users.Commands;
using static Shop.Application.UnitTests.Support.Validation;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.UnitTests.Users;

public class CreateUserHandlerTests
{
    private readonly Mock<IIdentityService> _identity = new();
    private IReadOnlyCollection<string>? _roles;

    [SetUp]
    public void SetUp() =>
        _identity.Setup(i => i.CreateUserAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string _, string _, IReadOnlyCollection<string> roles, CancellationToken _) => _roles = roles)
            .ReturnsAsync(new Dictionary<string, string[]>());

    private Task<MediatR.Unit> Create(bool isStaff, bool isSuperuser) =>
        new CreateUserHandler(_identity.Object).Handle(new CreateUser("bob", "bob@example.com", "S3cret!pass", isStaff, isSuperuser), CancellationToken.None);

    [Test]
    public async Task An_ordinary_user_gets_no_role()
    {
        await Create(isStaff: false, isSuperuser: false);

        Assert.That(_roles, Is.Empty);
    }

    [Test]
    public async Task A_staff_user_gets_the_staff_role()
    {
        await Create(isStaff: true, isSuperuser: false);

        Assert.That(_roles, Is.EquivalentTo(new[] { Roles.Staff }));
    }

    [Test]
    public async Task A_superuser_gets_the_staff_and_superuser_roles()
    {
        await Create(isStaff: false, isSuperuser: true);

        Assert.That(_roles, Is.EquivalentTo(new[] { Roles.Staff, Roles.Superuser }));
    }

    [Test]
    public async Task The_user_is_created_with_the_given_credentials()
    {
        await Create(isStaff: false, isSuperuser: false);

        _identity.Verify(i => i.CreateUserAsync("bob", "bob@example.com", "S3cret!pass", It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public void Errors_of_the_identity_store_are_a_validation_error_with_the_same_fields()
    {
        _identity.Setup(i => i.CreateUserAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, string[]> { ["password"] = ["Passwords must have at least one digit."] });

        var exception = Assert.ThrowsAsync<ValidationException>(() => Create(isStaff: false, isSuperuser: false));

        Assert.That(exception!.Errors["password"], Is.EqualTo(new[] { "Passwords must have at least one digit." }));
    }
}

public class CreateUserValidatorTests
{
    private readonly CreateUserValidator _validator = new();

    [Test]
    public void A_username_email_and_password_are_valid()
    {
        Assert.That(ErrorsOf(_validator, new CreateUser("bob.smith+1@x", "bob@example.com", "pw", false, false)), Is.Empty);
    }

    [Test]
    public void Missing_values_are_errors_of_their_fields()
    {
        Assert.That(ErrorsOf(_validator, new CreateUser("", null, "", false, false)).Keys, Is.EquivalentTo(new[] { "userName", "email", "password" }));
    }

    [TestCase("bob smith")]
    [TestCase("bob/smith")]
    public void A_username_with_other_characters_is_an_error(string userName)
    {
        Assert.That(ErrorsOf(_validator, new CreateUser(userName, "bob@example.com", "pw", false, false)), Does.ContainKey("userName"));
    }

    [Test]
    public void A_malformed_email_is_an_error()
    {
        Assert.That(ErrorsOf(_validator, new CreateUser("bob", "not-an-email", "pw", false, false)), Does.ContainKey("email"));
    }
}
