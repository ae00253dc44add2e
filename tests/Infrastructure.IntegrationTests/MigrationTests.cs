using Microsoft.EntityFrameworkCore;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class MigrationTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    [Test]
    public async Task Migrations_apply_cleanly_and_leave_nothing_pending()
    {
        var (all, applied, pending, providerName) = await WithDb(async db => (
            db.Database.GetMigrations().ToList(),
            (await db.Database.GetAppliedMigrationsAsync()).ToList(),
            (await db.Database.GetPendingMigrationsAsync()).ToList(),
            db.Database.ProviderName));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(providerName, Does.Contain(Provider == DatabaseProvider.Sqlite ? "Sqlite" : "Npgsql"));
            Assert.That(all, Is.Not.Empty);
            Assert.That(applied, Is.EqualTo(all));
            Assert.That(pending, Is.Empty);
        }
    }

    [Test]
    public async Task Model_has_no_changes_that_no_migration_covers()
    {
        var hasChanges = await WithDb(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.That(hasChanges, Is.False, $"The {Provider} model differs from its migrations snapshot: add a migration.");
    }

    [Test]
    public async Task Migrating_twice_is_a_no_op()
    {
        var appliedBefore = await WithDb(async db => (await db.Database.GetAppliedMigrationsAsync()).ToList());

        await WithDb(async db =>
        {
            await db.Database.MigrateAsync();
            return 0;
        });

        var appliedAfter = await WithDb(async db => (await db.Database.GetAppliedMigrationsAsync()).ToList());
        Assert.That(appliedAfter, Is.EqualTo(appliedBefore));
    }
}
