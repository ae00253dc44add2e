using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Infrastructure.DataProtection;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class FirstDataProtectionKeyTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    // As the host configures it (ShopApp): the key ring in the database, under the shop's application name.
    protected override void AddServices(IServiceCollection services) =>
        services.AddDataProtection().SetApplicationName("Shop").PersistKeysToDbContext<ShopDbContext>();

    private Task<int> KeyCountAsync() => WithDb(db => db.DataProtectionKeys.CountAsync());

    [Test]
    public async Task An_empty_key_ring_gets_one_key_and_a_second_run_adds_none()
    {
        await FirstDataProtectionKey.EnsureAsync(Services, CancellationToken.None);
        await FirstDataProtectionKey.EnsureAsync(Services, CancellationToken.None);

        Assert.That(await KeyCountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Instances_starting_together_on_an_empty_key_ring_share_one_key()
    {
        if (Provider == DatabaseProvider.Sqlite) Assert.Ignore("One server per SQLite file: no instances to race.");
        var instances = Enumerable.Range(0, 8).Select(_ => NewInstance()).ToList();
        try
        {
            // Warmed up (model built, connection pooled, key manager made), then let go together: the race is in
            // between reading the empty ring and writing a key, a few milliseconds.
            foreach (var instance in instances)
            {
                await using var scope = instance.CreateAsyncScope();
                Assert.That(instance.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>().GetAllKeys(), Is.Empty);
                Assert.That(await scope.ServiceProvider.GetRequiredService<ShopDbContext>().DataProtectionKeys.CountAsync(), Is.Zero);
            }
            // A thread each (not the pool's few): the key manager reads and writes the ring synchronously.
            using var go = new Barrier(instances.Count);
            var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
            var threads = instances.Select(i => new Thread(() =>
            {
                try
                {
                    go.SignalAndWait();
                    FirstDataProtectionKey.EnsureAsync(i, CancellationToken.None).GetAwaiter().GetResult();
                }
                catch (Exception ex)
                {
                    failures.Add(ex);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.That(failures, Is.Empty);

            Assert.That(await KeyCountAsync(), Is.EqualTo(1));
            var sealedByFirst = instances[0].GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hello");
            foreach (var other in instances.Skip(1))
                Assert.That(other.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedByFirst), Is.EqualTo("hello"));
        }
        finally
        {
            foreach (var instance in instances) await instance.DisposeAsync();
        }
    }
}
