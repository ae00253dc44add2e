using Moq;
using Shop.Application.Auth.Commands;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.UnitTests.Support;
using static Shop.Application.UnitTests.Support.Validation;

namespace Shop.Application.UnitTests.Auth;

public class AuthValidatorTests
{
    [Test]
    public void Issue_token_needs_a_username_and_a_password()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(new IssueTokenValidator(), new IssueToken { Username = "alice", Password = "secret" }), Is.Empty);
            Assert.That(ErrorsOf(new IssueTokenValidator(), new IssueToken { Username = "", Password = null }).Keys,
                Is.EquivalentTo(new[] { "username", "password" }));
        });
    }

    [Test]
    public void Issue_token_refuses_an_overlong_username()
    {
        Assert.That(ErrorsOf(new IssueTokenValidator(), new IssueToken { Username = new string('u', 257), Password = "p" }), Does.ContainKey("username"));
    }

    [Test]
    public void Refresh_token_needs_the_refresh_token()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(new RefreshTokenValidator(), new RefreshToken { Refresh = "abc" }), Is.Empty);
            Assert.That(ErrorsOf(new RefreshTokenValidator(), new RefreshToken { Refresh = " " }).Keys, Is.EqualTo(new[] { "refresh" }));
            Assert.That(ErrorsOf(new RefreshTokenValidator(), new RefreshToken { Refresh = new string('r', 513) }).Keys, Is.EqualTo(new[] { "refresh" }));
        });
    }
}

public class IssueTokenHandlerTests
{
    private static readonly UserIdentity Alice = new("u1", "alice", []);
    private readonly Mock<IIdentityService> _identity = new();
    private readonly Mock<IAccessTokenIssuer> _issuer = new();
    private readonly Mock<IRefreshTokenStore> _refreshTokens = new();

    private IssueTokenHandler Handler() => new(_identity.Object, _issuer.Object, _refreshTokens.Object);

    [Test]
    public void A_bad_password_fails_authentication_and_issues_nothing()
    {
        _identity.Setup(i => i.CheckPasswordAsync("alice", "wrong", It.IsAny<CancellationToken>())).ReturnsAsync((UserIdentity?)null);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<AuthenticationFailedException>(() =>
                Handler().Handle(new IssueToken { Username = "alice", Password = "wrong" }, CancellationToken.None));
            _issuer.Verify(i => i.Issue(It.IsAny<UserIdentity>()), Times.Never);
            _refreshTokens.Verify(r => r.IssueAsync(It.IsAny<string>(), It.IsAny<Guid>(), It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public async Task A_good_password_returns_an_access_and_a_refresh_token_in_a_new_chain()
    {
        var expires = FixedClock.Now.AddMinutes(15);
        _identity.Setup(i => i.CheckPasswordAsync("alice", "secret", It.IsAny<CancellationToken>())).ReturnsAsync(Alice);
        _issuer.Setup(i => i.Issue(Alice)).Returns(new AccessToken("jwt", expires));
        _refreshTokens.Setup(r => r.IssueAsync("u1", It.IsAny<Guid>(), It.IsAny<CancellationToken>())).ReturnsAsync("refresh-1");

        var pair = await Handler().Handle(new IssueToken { Username = "alice", Password = "secret" }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(pair.Access, Is.EqualTo("jwt"));
            Assert.That(pair.Refresh, Is.EqualTo("refresh-1"));
            Assert.That(pair.AccessExpiresAt, Is.EqualTo(expires));
            _refreshTokens.Verify(r => r.IssueAsync("u1", It.Is<Guid>(g => g != Guid.Empty), It.IsAny<CancellationToken>()), Times.Once);
        });
    }
}

public class RefreshTokenHandlerTests
{
    private static readonly UserIdentity Alice = new("u1", "alice", []);
    private static readonly Guid Family = Guid.NewGuid();
    private readonly Mock<IRefreshTokenStore> _refreshTokens = new();
    private readonly Mock<IIdentityService> _identity = new();
    private readonly Mock<IAccessTokenIssuer> _issuer = new();
    private readonly FixedClock _clock = new();

    [SetUp]
    public void SetUp()
    {
        _refreshTokens.Setup(r => r.TryMarkUsedAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _refreshTokens.Setup(r => r.IssueAsync("u1", Family, It.IsAny<CancellationToken>())).ReturnsAsync("refresh-2");
        _identity.Setup(i => i.FindActiveAsync("u1", It.IsAny<CancellationToken>())).ReturnsAsync(Alice);
        _issuer.Setup(i => i.Issue(Alice)).Returns(new AccessToken("jwt", _clock.UtcNow.AddMinutes(15)));
    }

    private RefreshTokenHandler Handler() => new(_refreshTokens.Object, _identity.Object, _issuer.Object, _clock);

    private StoredRefreshToken Presented(bool isUsed = false, bool isRevoked = false, DateTime? expiresAt = null)
    {
        var token = new StoredRefreshToken(Guid.NewGuid(), "u1", Family, expiresAt ?? _clock.UtcNow.AddDays(1), isUsed, isRevoked);
        _refreshTokens.Setup(r => r.FindAsync("refresh-1", It.IsAny<CancellationToken>())).ReturnsAsync(token);
        return token;
    }

    private static RefreshToken Request() => new() { Refresh = "refresh-1" };

    private void NothingIssued()
    {
        _refreshTokens.Verify(r => r.IssueAsync(It.IsAny<string>(), It.IsAny<Guid>(), It.IsAny<CancellationToken>()), Times.Never);
        _issuer.Verify(i => i.Issue(It.IsAny<UserIdentity>()), Times.Never);
    }

    [Test]
    public async Task A_valid_token_is_used_up_and_traded_for_a_new_pair_in_the_same_chain()
    {
        var token = Presented();

        var pair = await Handler().Handle(Request(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(pair.Access, Is.EqualTo("jwt"));
            Assert.That(pair.Refresh, Is.EqualTo("refresh-2"));
            _refreshTokens.Verify(r => r.TryMarkUsedAsync(token.Id, It.IsAny<CancellationToken>()), Times.Once);
            _refreshTokens.Verify(r => r.IssueAsync("u1", Family, It.IsAny<CancellationToken>()), Times.Once);
            _refreshTokens.Verify(r => r.RevokeFamilyAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>()), Times.Never);
        });
    }

    [Test]
    public void An_unknown_token_fails()
    {
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<AuthenticationFailedException>(() => Handler().Handle(Request(), CancellationToken.None));
            NothingIssued();
        });
    }

    [Test]
    public void A_token_already_used_revokes_its_whole_chain_and_fails()
    {
        Presented(isUsed: true);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<AuthenticationFailedException>(() => Handler().Handle(Request(), CancellationToken.None));
            _refreshTokens.Verify(r => r.RevokeFamilyAsync(Family, It.IsAny<CancellationToken>()), Times.Once);
            NothingIssued();
        });
    }

    [Test]
    public void A_token_used_by_a_concurrent_request_revokes_its_whole_chain_and_fails()
    {
        Presented();
        _refreshTokens.Setup(r => r.TryMarkUsedAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<AuthenticationFailedException>(() => Handler().Handle(Request(), CancellationToken.None));
            _refreshTokens.Verify(r => r.RevokeFamilyAsync(Family, It.IsAny<CancellationToken>()), Times.Once);
            NothingIssued();
        });
    }

    [Test]
    public void A_chain_revoked_by_a_racing_replay_while_rotating_takes_the_new_token_with_it()
    {
        // A replay of the same token (a thief's, say) lost the race to mark it used and revoked the chain, but only after
        // this request had marked it: the token issued now must not outlive the revocation.
        var token = Presented();
        var revoked = token with { IsRevoked = true, IsUsed = true };
        _refreshTokens.SetupSequence(r => r.FindAsync("refresh-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(token)
            .ReturnsAsync(revoked);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<AuthenticationFailedException>(() => Handler().Handle(Request(), CancellationToken.None));
            _refreshTokens.Verify(r => r.RevokeFamilyAsync(Family, It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public void A_revoked_token_fails()
    {
        Presented(isRevoked: true);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<AuthenticationFailedException>(() => Handler().Handle(Request(), CancellationToken.None));
            NothingIssued();
        });
    }

    [Test]
    public void An_expired_token_fails()
    {
        Presented(expiresAt: _clock.UtcNow.AddSeconds(-1));

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<AuthenticationFailedException>(() => Handler().Handle(Request(), CancellationToken.None));
            NothingIssued();
        });
    }

    [Test]
    public void A_token_of_a_user_who_may_no_longer_sign_in_fails()
    {
        Presented();
        _identity.Setup(i => i.FindActiveAsync("u1", It.IsAny<CancellationToken>())).ReturnsAsync((UserIdentity?)null);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<AuthenticationFailedException>(() => Handler().Handle(Request(), CancellationToken.None));
            NothingIssued();
        });
    }
}
