using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Shop.WebApi.FunctionalTests.Infrastructure;
using static Shop.WebApi.FunctionalTests.Replication.ReplicaTestSupport;

namespace Shop.WebApi.FunctionalTests.Replication;

/// <summary>
/// Who reads the replica (<c>ConnectionStrings__ShopRead</c>): anonymous GETs only. The output cache is off here, so
/// every answer is read from a database and names it.
/// </summary>
[TestFixture]
public sealed class ReadReplicaRoutingTests
{
    private ShopFactory _primary = null!;
    private ShopFactory _replica = null!;
    private HttpClient _client = null!;
    private string _marker = "";
    private int _id;
    private string _staff = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _marker = Marker();
        (_primary, _replica, _id, _staff) = await StartPairAsync(_marker, b => b.UseSetting("OutputCache:Enabled", "false"));
        _client = _primary.CreateApiClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client?.Dispose();
        if (_primary is not null) await _primary.DisposeAsync();
        if (_replica is not null) await _replica.DisposeAsync();
    }

    [Test]
    public async Task Anonymous_details_and_lists_are_read_from_the_replica()
    {
        // A write by another test may hold reads on the primary until the replica's position has been polled (~50 ms).
        var detail = await EventuallyAsync(() => GetAsync(_client, $"/api/products/{_id}"), p => NameOf(p).EndsWith("replica"), TimeSpan.FromSeconds(2));
        var list = await GetAsync(_client, $"/api/products?search={_marker}");

        Assert.That(NameOf(detail), Is.EqualTo($"{_marker} replica"));
        Assert.That(FirstNameIn(list), Is.EqualTo($"{_marker} replica"));
    }

    [Test]
    public async Task Signed_in_callers_read_the_primary()
    {
        var user = "user" + Marker();
        await _primary.CreateUserAsync(user, Password, isStaff: false);
        using var signIn = await _client.PostAsync("/api/token", System.Net.Http.Json.JsonContent.Create(new { username = user, password = Password }));
        var userToken = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(signIn.Content))!["access"]!.GetValue<string>();

        Assert.That(NameOf(await GetAsync(_client, $"/api/products/{_id}", _staff)), Does.EndWith("primary"));
        Assert.That(NameOf(await GetAsync(_client, $"/api/products/{_id}", userToken)), Does.EndWith("primary"));
        Assert.That(FirstNameIn(await GetAsync(_client, $"/api/products?search={_marker}", userToken)), Does.EndWith("primary"));
    }

    [Test]
    public async Task A_command_answers_what_it_wrote_from_the_primary()
    {
        var patched = await PatchAsync(_client, $"/api/products/{_id}", new { description = "patched " + Marker() }, _staff);

        Assert.That(NameOf(patched), Is.EqualTo($"{_marker} primary"));
        Assert.That(patched["description"]!.GetValue<string>(), Does.StartWith("patched"));
    }

    [Test]
    public async Task The_storefront_page_for_anonymous_visitors_reads_the_replica()
    {
        var page = "";
        for (var i = 0; i < 80 && !page.Contains($"{_marker} replica"); i++)
        {
            page = await _client.GetStringAsync($"/?q={_marker}");
            await Task.Delay(25);
        }

        Assert.That(page, Does.Contain($"{_marker} replica").And.Not.Contain($"{_marker} primary"));
    }

    [Test]
    public async Task The_replica_sessions_refuse_writes()
    {
        await using var scope = _primary.Services.CreateAsyncScope();
        var replica = scope.ServiceProvider.GetRequiredService<Shop.Infrastructure.Persistence.Replication.ReadReplica>();
        await using var connection = new Npgsql.NpgsqlConnection(replica.ConnectionString);
        await connection.OpenAsync();
        await using var write = new Npgsql.NpgsqlCommand("UPDATE \"Products\" SET \"Name\" = 'written' WHERE false", connection);

        var error = Assert.ThrowsAsync<Npgsql.PostgresException>(() => write.ExecuteNonQueryAsync());
        Assert.That(error!.SqlState, Is.EqualTo("25006"), "read_only_sql_transaction");
    }
}

/// <summary>A replica that does not answer costs no request anything: reads go to the primary; readiness says degraded.</summary>
[TestFixture]
public sealed class ReadReplicaDownTests
{
    private ShopFactory _primary = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var admin = Environment.GetEnvironmentVariable(ShopFactory.PostgresVariable);
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        var unreachable = string.IsNullOrWhiteSpace(admin) ? "" : new Npgsql.NpgsqlConnectionStringBuilder(admin) { Host = "127.0.0.1", Port = 1 }.ConnectionString;
        _primary = await ShopFactory.StartAsync(ShopFactory.Postgres, configure: b => b.UseSetting("ConnectionStrings:ShopRead", unreachable));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_primary is not null) await _primary.DisposeAsync();
    }

    [Test]
    public async Task Anonymous_reads_are_answered_from_the_primary()
    {
        using var client = _primary.CreateApiClient();
        // Before any write the replica is not known to lag, so this read tries it, fails, and its queries (the product
        // list's projection, search and total, built on the replica) run again on the primary.
        Assert.That((await GetAsync(client, "/api/products?search=nothing+here&ordering=name"))["totalCount"]!.GetValue<int>(), Is.Zero);

        var marker = Marker();
        var token = await StaffTokenAsync(_primary);
        var product = await CreatePublishedAsync(_primary, token, $"{marker} primary");

        for (var i = 0; i < 3; i++)
        {
            Assert.That(NameOf(await GetAsync(client, $"/api/products/{product["id"]}?try={i}")), Is.EqualTo($"{marker} primary"));
            Assert.That(FirstNameIn(await GetAsync(client, $"/api/products?search={marker}&try={i}")), Is.EqualTo($"{marker} primary"));
        }
    }

    [Test]
    public async Task Readiness_reports_the_replica_degraded_not_down()
    {
        using var client = _primary.CreateApiClient();
        using var response = await client.GetAsync("/healthz/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Degraded"));
    }
}
