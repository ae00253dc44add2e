using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shop.WebApi.FunctionalTests.Deployment;

/// <summary>
/// In Production the console gets one JSON object per line, and a line written while a request is served carries that
/// request's trace id (the scope ASP.NET Core opens), the one its problem answer reports too. The format does not
/// depend on the database, so this runs on SQLite.
/// </summary>
[TestFixture]
public sealed class ProductionLogTests
{
    [Test]
    public async Task Production_console_lines_are_json_and_a_request_line_carries_the_requests_trace_id()
    {
        var folder = Directory.CreateTempSubdirectory("shop-logs-").FullName;
        var port = ServerProcess.FreePort();
        string traceId;
        IReadOnlyList<string> lines;
        await using (var server = ServerProcess.Start(["dotnet", ServerProcess.AppAssembly, "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DATABASE_URL"] = $"sqlite:///{folder}/shop.db",
            ["Media__Root"] = $"{folder}/media",
            ["Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            // The request pipeline's own log line (Information; Production's appsettings keep it at Warning).
            ["Logging__LogLevel__Shop.Application.Common.Behaviors"] = "Information",
        }))
        {
            await server.WaitUntilHealthyAsync(port);
            using var client = new HttpClient();
            using var response = await client.GetAsync($"http://127.0.0.1:{port}/api/products/987654321");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            // traceId in a problem is the W3C id: 00-<trace id>-<span id>-<flags>.
            traceId = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["traceId"]!.GetValue<string>().Split('-')[1];
            Assert.That(await server.StopAsync(), Is.Zero, server.Error);
            lines = server.Output;
        }
        Directory.Delete(folder, recursive: true);

        Assert.That(lines, Is.Not.Empty);
        var entries = lines.Select(line =>
        {
            try
            {
                return JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not an object");
            }
            catch (JsonException)
            {
                Assert.Fail($"Not a JSON object line: {line}");
                throw;
            }
        }).ToList();
        var requestLines = entries.Where(e => e["Category"]?.GetValue<string>().StartsWith("Shop.Application.Common.Behaviors", StringComparison.Ordinal) == true).ToList();
        Assert.That(requestLines, Is.Not.Empty, string.Join('\n', lines));
        var scopes = requestLines[0]["Scopes"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.That(scopes.Select(s => s["TraceId"]?.GetValue<string>()), Has.Member(traceId), requestLines[0].ToJsonString());
        Assert.That(scopes.Select(s => s["SpanId"]?.GetValue<string>()), Has.Some.Match("^[0-9a-f]{16}$"));
    }
}
