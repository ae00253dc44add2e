using System.Reflection;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;

namespace Shop.Application.UnitTests;

/// <summary>The dependency rule of the layout: the domain depends on nothing, the application on no database.</summary>
public class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Product).Assembly;
    private static readonly Assembly Application = typeof(IUnitOfWork).Assembly;

    [Test]
    public void Domain_references_only_the_base_class_library()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.That(references, Is.Not.Empty);
        Assert.That(references.Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "mscorlib"),
            Is.Empty, "the domain must not depend on any package");
    }

    [Test]
    public void Application_references_no_database_provider_nor_the_web()
    {
        var references = Application.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.That(references, Does.Contain("MediatR"));
        Assert.That(references.Where(n => n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                                          || n.StartsWith("Npgsql", StringComparison.Ordinal)
                                          || n.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal)
                                          || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                                          || n.StartsWith("Shop.Infrastructure", StringComparison.Ordinal)),
            Is.Empty);
    }

    [Test]
    public void Every_request_has_exactly_one_handler()
    {
        var requests = Application.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && t.GetInterfaces().Any(IsRequest))
            .ToList();
        var handled = Application.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MediatR.IRequestHandler<,>))
            .GroupBy(i => i.GetGenericArguments()[0])
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.That(requests, Is.Not.Empty);
        Assert.That(requests.Where(r => handled.GetValueOrDefault(r) != 1).Select(r => r.Name), Is.Empty);
    }

    [Test]
    public void Handlers_depend_on_ports_not_on_the_mediator()
    {
        var handlers = Application.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MediatR.IRequestHandler<,>)))
            .ToList();

        Assert.That(handlers, Is.Not.Empty);
        Assert.That(handlers.Where(h => h.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => p.ParameterType == typeof(MediatR.IMediator)))
            .Select(h => h.Name), Is.Empty, "a handler that sends other requests hides its dependencies");
    }

    private static bool IsRequest(Type i) => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MediatR.IRequest<>);
}
