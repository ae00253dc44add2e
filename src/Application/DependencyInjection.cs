using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Behaviors;

namespace Shop.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the mediator, every handler and validator of this assembly, the pipeline behaviors and
    /// AutoMapper. MediatR 5.1 has no DI package, so the handler scan is here; moving to MediatR 12 changes
    /// only this method and the behaviors' signatures.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, string? autoMapperLicenseKey)
    {
        var assembly = Assembly.GetExecutingAssembly();

        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var handler in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
                services.AddTransient(handler, type);
        }
        // Order matters: logging wraps validation, so rejected requests are logged too.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ProductWriteBehavior<,>));

        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : char.ToLowerInvariant(member.Name[0]) + member.Name[1..];

        services.AddAutoMapper(cfg => cfg.LicenseKey = autoMapperLicenseKey, assembly);
        return services;
    }
}
