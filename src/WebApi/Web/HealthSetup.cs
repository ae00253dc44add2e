using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Infrastructure.Persistence;

namespace Shop.WebApi.Web;

internal static class HealthSetup
{
    public static IServiceCollection AddShopHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<ShopDbContext>("database", tags: ["ready"])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: ["ready"]);
        return services;
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
