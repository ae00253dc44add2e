using AutoMapper;
using Microsoft.Extensions.Logging.Abstractions;
using Shop.Application.Products;

namespace Shop.Application.UnitTests.Support;

/// <summary>
/// The mapping configuration as <c>AddApplication</c> builds it: every profile of the Application assembly.
/// Built directly (not through a service provider) so the tests need no concrete DI container package.
/// </summary>
internal static class TestMapper
{
    public static readonly MapperConfiguration Configuration =
        new(cfg => cfg.AddMaps(typeof(ProductDto).Assembly), NullLoggerFactory.Instance);

    public static readonly IMapper Instance = Configuration.CreateMapper();
}
