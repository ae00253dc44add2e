using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.Replication;

namespace Shop.WebApi.Web;

internal static class HealthSetup
{
    public static IServiceCollection AddShopHealthChecks(this IServiceCollection services, DatabaseSettings database)
    {
        var checks = services.AddHealthChecks()
            .AddDbContextCheck<ShopDbContext>("database", tags: ["ready"])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: ["ready"]);
        // Degraded, not unhealthy: without its replica the server still answers everything, from the primary.
        if (database.ReadConnectionString is not null) checks.AddCheck<ReplicaCheck>("replica", HealthStatus.Degraded, tags: ["ready"]);
        return services;
    }

    private sealed class ReplicaCheck(ReplicaProgress replica) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await replica.PollAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "The read replica cannot be read; catalog reads go to the primary.", ex);
            }
        }
    }

    public static void MapShopHealthChecks(this IEndpointRouteBuilder app)
    {
        // Liveness: the process answers; readiness: the database answers and its schema is current.
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new() { Predicate = c => c.Tags.Contains("ready") });
    }

    private sealed class MigrationsAppliedCheck(ShopDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} migration(s) pending");
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("The database cannot be read.", ex);
            }
        }
    }
}
