using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Behaviors;
using Shop.Application.Products.Commands;
using Shop.Application.Products.Queries;

namespace Shop.Application.UnitTests.Common;

public class DependencyInjectionTests
{
    private static readonly IServiceCollection Services = new ServiceCollection().AddApplication(autoMapperLicenseKey: null);

    [Test]
    public void Every_request_of_the_application_has_exactly_one_handler()
    {
        var requests = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))
                .Select(i => typeof(IRequestHandler<,>).MakeGenericType(t, i.GetGenericArguments()[0])))
            .ToList();

        var missingOrDoubled = requests.Where(h => Services.Count(d => d.ServiceType == h) != 1).Select(h => h.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(requests, Is.Not.Empty);
            Assert.That(missingOrDoubled, Is.Empty);
        });
    }

    [Test]
    public void Logging_wraps_validation_which_wraps_the_product_write_transaction()
    {
        var behaviors = Services.Where(d => d.ServiceType == typeof(IPipelineBehavior<,>)).Select(d => d.ImplementationType).ToList();

        Assert.That(behaviors, Is.EqualTo(new[] { typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(ProductWriteBehavior<,>) }),
            "a rejected request never opens a transaction");
    }

    [Test]
    public void The_validators_are_registered()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Services.Any(d => d.ServiceType == typeof(IValidator<CreateProduct>)), Is.True);
            Assert.That(Services.Any(d => d.ServiceType == typeof(IValidator<ListProducts>)), Is.True);
            Assert.That(Services.Any(d => d.ServiceType == typeof(IValidator<PatchProduct>)), Is.True);
        });
    }

    [Test]
    public void The_mapper_is_registered()
    {
        Assert.That(Services.Any(d => d.ServiceType == typeof(AutoMapper.IMapper)), Is.True);
    }
}
