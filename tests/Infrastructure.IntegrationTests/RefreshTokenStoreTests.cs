using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Interfaces;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class RefreshTokenStoreTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private string _userId = "";

    [SetUp]
    public async Task CreateUser()
    {
        var errors = await InScope(sp => sp.GetRequiredService<IIdentityService>()
            .CreateUserAsync("alice", "alice@example.com", "Str0ng!Passw0rd", [], CancellationToken.None));
        Assert.That(errors, Is.Empty);
        var user = await InScope(sp => sp.GetRequiredService<IIdentityService>().CheckPasswordAsync("alice", "Str0ng!Passw0rd", CancellationToken.None));
        _userId = user!.Id;
    }

    [Test]
    public async Task Issued_token_is_found_by_its_raw_value()
    {
        var family = Guid.NewGuid();
        var issuedAt = Clock.UtcNow;

        var raw = await IssueAsync(family);
        var found = await FindAsync(raw);

        Assert.That(found, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(raw, Has.Length.GreaterThanOrEqualTo(32));
            Assert.That(found!.UserId, Is.EqualTo(_userId));
            Assert.That(found.FamilyId, Is.EqualTo(family));
            Assert.That(found.IsUsed, Is.False);
            Assert.That(found.IsRevoked, Is.False);
            Assert.That(found.ExpiresAt, Is.EqualTo(issuedAt.AddDays(14)));
            Assert.That(found.ExpiresAt.Kind, Is.EqualTo(DateTimeKind.Utc));
        }
    }

    [Test]
    public async Task Every_issued_token_is_different()
    {
        var family = Guid.NewGuid();

        var tokens = new List<string>();
        for (var i = 0; i < 5; i++) tokens.Add(await IssueAsync(family));

        Assert.That(tokens, Is.Unique);
    }

    [Test]
    public async Task Unknown_or_tampered_token_is_not_found()
    {
        var raw = await IssueAsync(Guid.NewGuid());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await FindAsync("not-a-token"), Is.Null);
            Assert.That(await FindAsync(raw[..^1] + (raw[^1] == 'A' ? 'B' : 'A')), Is.Null);
            Assert.That(await FindAsync(raw.ToUpperInvariant() == raw ? raw.ToLowerInvariant() : raw.ToUpperInvariant()), Is.Null);
        }
    }

    [Test]
    public async Task Database_stores_only_a_hash_of_the_token()
    {
        var raw = await IssueAsync(Guid.NewGuid());

        var rows = await WithDb(db => db.RefreshTokens.AsNoTracking().ToListAsync());
        var stored = string.Join("|", rows.Select(r => $"{r.Id}|{r.UserId}|{r.TokenHash}|{r.FamilyId}|{r.CreatedAt:O}|{r.ExpiresAt:O}"));

        Assert.That(rows, Has.Count.EqualTo(1));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored, Does.Not.Contain(raw));
            Assert.That(stored.ToUpperInvariant(), Does.Not.Contain(raw.ToUpperInvariant()));
            Assert.That(rows[0].TokenHash, Does.Match("^[0-9A-Fa-f]{64}$"));
        }
    }

    [Test]
    public async Task Try_mark_used_succeeds_once_then_fails()
    {
        var raw = await IssueAsync(Guid.NewGuid());
        var id = (await FindAsync(raw))!.Id;

        var first = await TryMarkUsedAsync(id);
        var second = await TryMarkUsedAsync(id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.True);
            Assert.That(second, Is.False);
            Assert.That((await FindAsync(raw))!.IsUsed, Is.True);
        }
    }

    [TestCase(2)]
    [TestCase(10)]
    public async Task Parallel_try_mark_used_lets_exactly_one_win(int racers)
    {
        var raw = await IssueAsync(Guid.NewGuid());
        var id = (await FindAsync(raw))!.Id;

        var results = await Task.WhenAll(Enumerable.Range(0, racers).Select(_ => Task.Run(() => TryMarkUsedAsync(id))));

        Assert.That(results.Count(r => r), Is.EqualTo(1));
    }

    [Test]
    public async Task Try_mark_used_of_unknown_token_fails()
    {
        Assert.That(await TryMarkUsedAsync(Guid.NewGuid()), Is.False);
    }

    [Test]
    public async Task Revoking_a_family_revokes_all_its_tokens_and_only_them()
    {
        var family = Guid.NewGuid();
        var other = Guid.NewGuid();
        var used = await IssueAsync(family);
        await TryMarkUsedAsync((await FindAsync(used))!.Id);
        var current = await IssueAsync(family);
        var unrelated = await IssueAsync(other);

        await InScope(sp => sp.GetRequiredService<IRefreshTokenStore>().RevokeFamilyAsync(family, CancellationToken.None));

        var currentAfter = await FindAsync(current);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await FindAsync(used))!.IsRevoked, Is.True);
            Assert.That(currentAfter!.IsRevoked, Is.True);
            Assert.That((await FindAsync(unrelated))!.IsRevoked, Is.False);
            Assert.That(await TryMarkUsedAsync(currentAfter.Id), Is.False, "a revoked token cannot be used");
        }
    }

    private Task<string> IssueAsync(Guid family) =>
        InScope(sp => sp.GetRequiredService<IRefreshTokenStore>().IssueAsync(_userId, family, CancellationToken.None));

    private Task<StoredRefreshToken?> FindAsync(string raw) =>
        InScope(sp => sp.GetRequiredService<IRefreshTokenStore>().FindAsync(raw, CancellationToken.None));

    private Task<bool> TryMarkUsedAsync(Guid id) =>
        InScope(sp => sp.GetRequiredService<IRefreshTokenStore>().TryMarkUsedAsync(id, CancellationToken.None));
}
