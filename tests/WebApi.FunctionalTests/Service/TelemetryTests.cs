using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Service;

/// <summary>
/// With telemetry on, a request is one trace: the ASP.NET Core server span with its route and status, and beneath it
/// the database's spans (Npgsql's own on PostgreSQL, EF Core's on SQLite), all exported; and the standard HTTP server
/// duration metric is recorded. The app runs its own wiring; the test only adds an in-memory exporter where an
/// OTLP endpoint would add the OTLP one.
/// </summary>
[TestFixture(ShopFactory.Sqlite)]
[TestFixture(ShopFactory.Postgres)]
public sealed class TelemetryTests(string provider)
{
    private const string Password = "Passw0rd!x";

    // The exporters add from the threads that end activities; the tests read snapshots (ToArray) while polling.
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private ShopFactory _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await ShopFactory.StartAsync(provider, configure: web =>
        {
            web.UseSetting("Telemetry:Enabled", "true");
            web.ConfigureTestServices(services => services
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans))
                .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics)));
        });
        _client = _app.CreateApiClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    [Test]
    public async Task A_product_read_is_one_trace_of_a_server_span_with_its_route_and_status_and_the_database_spans_beneath_it()
    {
        var id = await CreateProductAsync();

        using var response = await _client.GetAsync($"/api/products/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // The server span ends after the answer has been handed over: wait for it.
        var server = await WaitForAsync(() => Spans().FirstOrDefault(s =>
            s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string) == $"/api/products/{id}"));
        var trace = Spans().Where(s => s.TraceId == server.TraceId).ToList();
        var database = trace.Where(s => s.Kind == ActivityKind.Client && s.Source.Name == DatabaseSource).ToList();
        var seen = string.Join(", ", trace.Select(s => $"{s.Source.Name}:{s.DisplayName}"));
        Assert.Multiple(() =>
        {
            Assert.That(server.GetTagItem("http.route"), Is.EqualTo("/api/products/{id:int}"));
            Assert.That(server.GetTagItem("http.request.method"), Is.EqualTo("GET"));
            Assert.That(server.GetTagItem("http.response.status_code"), Is.EqualTo(200));
            Assert.That(database, Is.Not.Empty, $"database spans from {DatabaseSource} in the trace; saw {seen}");
            Assert.That(database.Select(s => s.ParentSpanId), Has.All.Not.EqualTo(default(ActivitySpanId)));
            Assert.That(database.All(s => IsBeneath(s, server, trace)), Is.True, $"every database span descends from the server span; saw {seen}");
            Assert.That(database.Select(s => s.GetTagItem("db.system.name") ?? s.GetTagItem("db.system")), Has.All.Not.Null);
        });
    }

    [Test]
    public async Task The_http_server_request_duration_metric_is_recorded()
    {
        using var response = await _client.GetAsync("/api/products");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var meters = _app.Services.GetRequiredService<MeterProvider>();
        var found = await WaitForAsync(() =>
        {
            meters.ForceFlush();
            return _metrics.ToArray().FirstOrDefault(m => m?.Name == "http.server.request.duration");
        });
        var routes = new List<string?>();
        foreach (ref readonly var point in found.GetMetricPoints())
            foreach (var tag in point.Tags)
                if (tag.Key == "http.route") routes.Add(tag.Value as string);
        Assert.That(routes, Has.Member("/api/products/"));
    }

    [Test]
    public async Task Without_an_endpoint_or_the_switch_nothing_is_registered()
    {
        if (provider != ShopFactory.Sqlite) Assert.Ignore("Wiring does not depend on the database: SQLite only.");
        await using var plain = await ShopFactory.StartAsync(provider);
        Assert.Multiple(() =>
        {
            Assert.That(plain.Services.GetService<TracerProvider>(), Is.Null);
            Assert.That(plain.Services.GetService<MeterProvider>(), Is.Null);
        });
    }

    /// <summary>Npgsql traces its own commands; SQLite's come from the EF Core instrumentation.</summary>
    private string DatabaseSource => provider == ShopFactory.Postgres ? "Npgsql" : "OpenTelemetry.Instrumentation.EntityFrameworkCore";

    private Activity[] Spans() => _spans.ToArray().Where(s => s is not null).ToArray();

    private static bool IsBeneath(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId) return true;
            parent = trace.FirstOrDefault(s => s.SpanId == parent)?.ParentSpanId ?? default;
        }
        return false;
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> find) where T : class
    {
        for (var started = Stopwatch.StartNew(); started.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(50))
            if (find() is { } found) return found;
        Assert.Fail("Not exported within 10 s.");
        throw new UnreachableException();
    }

    private async Task<int> CreateProductAsync()
    {
        var userName = $"tele{Guid.NewGuid():N}";
        await _app.CreateUserAsync(userName, Password, isStaff: true);
        using var token = await _client.PostAsJsonAsync("/api/token", new { username = userName, password = Password });
        var access = (await token.Content.ReadFromJsonAsync<JsonObject>())!["access"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/products")
        {
            Content = JsonContent.Create(new { name = $"Traced {Guid.NewGuid():N}", price = 5, status = "published" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using var created = await _client.SendAsync(request);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
    }
}
