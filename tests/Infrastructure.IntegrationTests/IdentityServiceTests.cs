using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Interfaces;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class IdentityServiceTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private const int MaxFailedAttempts = 3;
    private const string Password = "Str0ng!Passw0rd";

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<CountingPasswordHasher>();
        services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<Microsoft.AspNetCore.Identity.IdentityUser>>(
            sp => sp.GetRequiredService<CountingPasswordHasher>());
    }

    /// <summary>Identity's hasher, counting how many guesses were checked against a stored hash.</summary>
    private sealed class CountingPasswordHasher : Microsoft.AspNetCore.Identity.PasswordHasher<Microsoft.AspNetCore.Identity.IdentityUser>
    {
        private int _verifications;

        public int Verifications { get => Volatile.Read(ref _verifications); set => Volatile.Write(ref _verifications, value); }

        public override Microsoft.AspNetCore.Identity.PasswordVerificationResult VerifyHashedPassword(
            Microsoft.AspNetCore.Identity.IdentityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    protected override IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>
    {
        ["Auth:Lockout:MaxFailedAttempts"] = MaxFailedAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Auth:Lockout:Minutes"] = "5",
    };

    [TestCase("short")]
    [TestCase("alllowercaseletters")]
    [TestCase("")]
    public async Task Weak_password_is_refused_with_errors_keyed_password(string weak)
    {
        var errors = await CreateAsync("bob", weak);

        Assert.That(errors.Keys, Is.EqualTo(new[] { "password" }));
        Assert.That(errors["password"], Is.Not.Empty.And.All.Not.Empty);
        Assert.That(await CheckAsync("bob", weak), Is.Null, "no user was created");
    }

    [TestCase("alice", "P@ssw0rd", "This password is too common.")]
    [TestCase("alice", "1234567890123", "This password is entirely numeric.")]
    [TestCase("alice.smith", "Alice.Smith1", "The password is too similar to the username.")]
    [TestCase("bob", "Example!1.com", "The password is too similar to the email address.")]
    public async Task Password_failing_a_Django_rule_is_refused_with_its_message_keyed_password(string userName, string password, string message)
    {
        var errors = await CreateAsync(userName, password);

        Assert.That(errors.Keys, Is.EqualTo(new[] { "password" }));
        Assert.That(errors["password"], Does.Contain(message));
        Assert.That(await CheckAsync(userName, password), Is.Null, "no user was created");
    }

    [Test]
    public async Task Created_user_signs_in_with_the_right_password_and_carries_its_roles()
    {
        var errors = await CreateAsync("alice", Password, "Staff");

        var user = await CheckAsync("alice", Password);

        Assert.That(errors, Is.Empty);
        Assert.That(user, Is.Not.Null);
        Assert.That((user!.UserName, user.Roles), Is.EqualTo(("alice", (IReadOnlyList<string>)new[] { "Staff" })));
        Assert.That(await InScope(sp => sp.GetRequiredService<IIdentityService>().FindActiveAsync(user.Id, CancellationToken.None)), Is.Not.Null);
    }

    [Test]
    public async Task Duplicate_username_ignoring_case_is_refused_with_errors_keyed_username()
    {
        await CreateAsync("alice", Password);

        var errors = await CreateAsync("ALICE", Password);

        Assert.That(errors.Keys, Is.EqualTo(new[] { "username" }));
    }

    [Test]
    public async Task Unknown_user_is_null()
    {
        await CreateAsync("alice", Password);

        Assert.That(await CheckAsync("mallory", Password), Is.Null);
    }

    [Test]
    public async Task Wrong_password_is_null()
    {
        await CreateAsync("alice", Password);

        Assert.That(await CheckAsync("alice", Password + "x"), Is.Null);
    }

    [Test]
    public async Task Failures_below_the_limit_do_not_lock_the_account()
    {
        await CreateAsync("alice", Password);
        for (var i = 0; i < MaxFailedAttempts - 1; i++) await CheckAsync("alice", "wrong-password");

        Assert.That(await CheckAsync("alice", Password), Is.Not.Null);
    }

    [Test]
    public async Task Reaching_the_configured_failure_limit_locks_out_even_the_right_password()
    {
        await CreateAsync("alice", Password);
        for (var i = 0; i < MaxFailedAttempts; i++)
            Assert.That(await CheckAsync("alice", "wrong-password"), Is.Null);

        var user = await CheckAsync("alice", Password);

        Assert.That(user, Is.Null);
        var id = await InScope(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
            return (await users.FindByNameAsync("alice"))!.Id;
        });
        Assert.That(await InScope(sp => sp.GetRequiredService<IIdentityService>().FindActiveAsync(id, CancellationToken.None)), Is.Null,
            "a locked-out user is not active");
    }

    [Test]
    public async Task A_successful_sign_in_resets_the_failure_count()
    {
        await CreateAsync("alice", Password);
        for (var i = 0; i < MaxFailedAttempts - 1; i++) await CheckAsync("alice", "wrong-password");
        Assert.That(await CheckAsync("alice", Password), Is.Not.Null);
        for (var i = 0; i < MaxFailedAttempts - 1; i++) await CheckAsync("alice", "wrong-password");

        Assert.That(await CheckAsync("alice", Password), Is.Not.Null);
    }

    [Test]
    public async Task Many_wrong_passwords_at_once_check_no_more_guesses_than_the_limit_and_lock_the_account()
    {
        await CreateAsync("alice", Password);
        var hasher = Services.GetRequiredService<CountingPasswordHasher>();
        hasher.Verifications = 0;

        var answers = await Task.WhenAll(Enumerable.Range(0, 25).Select(i => Task.Run(() => CheckAsync("alice", "wrong-password-" + i))));

        Assert.That(answers, Is.All.Null);
        Assert.That(hasher.Verifications, Is.LessThanOrEqualTo(MaxFailedAttempts),
            "a guess is only checked against the stored hash while the account has failed attempts left");
        Assert.That(await CheckAsync("alice", Password), Is.Null, "every failure counted: the account is locked");
        Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.That(await CheckAsync("alice", Password), Is.Not.Null, "the lockout ends after the configured minutes");
    }

    [Test]
    public async Task Right_passwords_at_once_all_sign_in()
    {
        await CreateAsync("alice", Password);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => CheckAsync("alice", Password))));

        Assert.That(answers, Is.All.Not.Null);
    }

    [Test]
    public async Task Ending_sessions_changes_the_stamp_a_session_began_with()
    {
        await CreateAsync("alice", Password);
        var user = (await CheckAsync("alice", Password))!;
        var identity = (IServiceProvider sp) => sp.GetRequiredService<IIdentityService>();
        Assert.That(await InScope(sp => identity(sp).IsSessionCurrentAsync(user.Id, user.SecurityStamp, CancellationToken.None)), Is.True);

        await InScope(async sp => { await identity(sp).EndSessionsAsync(user.Id, CancellationToken.None); return 0; });

        Assert.That(await InScope(sp => identity(sp).IsSessionCurrentAsync(user.Id, user.SecurityStamp, CancellationToken.None)), Is.False);
        var again = (await CheckAsync("alice", Password))!;
        Assert.That(again.SecurityStamp, Is.Not.EqualTo(user.SecurityStamp));
        Assert.That(await InScope(sp => identity(sp).IsSessionCurrentAsync(user.Id, again.SecurityStamp, CancellationToken.None)), Is.True);
    }

    private Task<IReadOnlyDictionary<string, string[]>> CreateAsync(string userName, string password, params string[] roles) =>
        InScope(sp => sp.GetRequiredService<IIdentityService>()
            .CreateUserAsync(userName, userName + "@example.com", password, roles, CancellationToken.None));

    private Task<UserIdentity?> CheckAsync(string userName, string password) =>
        InScope(sp => sp.GetRequiredService<IIdentityService>().CheckPasswordAsync(userName, password, CancellationToken.None));
}
