using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Shop.WebApi.Web;

/// <summary>
/// Traces and metrics through OpenTelemetry, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the SDK
/// reads the other standard <c>OTEL_*</c> variables itself); and console logs as JSON lines in Production.
/// </summary>
/// <remarks>
/// Without an endpoint nothing is registered at all: no listener on any activity source, so ASP.NET Core, HttpClient,
/// Npgsql and EF Core create no spans and record no measurements beyond what they do anyway. <c>Telemetry:Enabled=true</c>
/// collects without an OTLP exporter, for a test or a host that adds its own exporter.
/// </remarks>
internal static class TelemetrySetup
{
    public const string DefaultServiceName = "shop";
    public const string EnabledKey = "Telemetry:Enabled";
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Npgsql traces and measures with its own source and meter (what Npgsql.OpenTelemetry's two lines add).</summary>
    private const string Npgsql = "Npgsql";

    /// <summary>EF Core's own meter (queries, saves, cache hits); its commands have no activity source of their own.</summary>
    private const string EntityFrameworkCoreMeter = "Microsoft.EntityFrameworkCore";

    /// <summary>The EF Core instrumentation's provider name for SQLite, the one database whose driver traces nothing.</summary>
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    public static void AddShopTelemetry(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        if (builder.Environment.IsProduction())
        {
            // One JSON object per line for a log collector; the scopes carry TraceId and SpanId (ASP.NET Core's activity
            // tracking), so a line can be joined to its trace. Development keeps the readable console.
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }

        var exporting = !string.IsNullOrWhiteSpace(config[EndpointKey]);
        if (!exporting && !config.GetValue<bool>(EnabledKey)) return;

        var serviceName = config["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                // The container's health probe every 30 s is not worth a trace.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/healthz"))
                .AddHttpClientInstrumentation()
                .AddSource(Npgsql)
                // On PostgreSQL Npgsql's spans already show each command; EF's would repeat them.
                .AddEntityFrameworkCoreInstrumentation(o => o.Filter = (provider, _) => provider == SqliteProvider))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Npgsql, EntityFrameworkCoreMeter));
        if (exporting) telemetry.UseOtlpExporter();
    }
}
