using MediatR;
using Moq;
using Shop.Application.Common.Behaviors;
using Shop.Application.Common.Interfaces;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.Products.Queries;

namespace Shop.Application.UnitTests.Common;

public class ProductWriteBehaviorTests
{
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly Mock<IProductRepository> _products = new();
    private readonly List<string> _steps = [];

    [SetUp]
    public void RecordSteps()
    {
        _unitOfWork.Setup(u => u.InTransactionAsync(It.IsAny<Func<CancellationToken, Task<Unit>>>(), It.IsAny<CancellationToken>()))
            .Returns(async (Func<CancellationToken, Task<Unit>> work, CancellationToken ct) =>
            {
                _steps.Add("begin");
                var result = await work(ct);
                _steps.Add("commit");
                return result;
            });
        _products.Setup(p => p.LockAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyCollection<int> ids, CancellationToken _) => _steps.Add("lock " + string.Join(",", ids)))
            .Returns(Task.CompletedTask);
    }

    [Test]
    public async Task A_product_write_runs_in_a_transaction_that_first_locks_its_products_in_id_order()
    {
        var behavior = new ProductWriteBehavior<ApplyToProducts, Unit>(_unitOfWork.Object, _products.Object);

        await behavior.Handle(new ApplyToProducts([9, 3, 9, 5], ProductAction.Publish), CancellationToken.None, () =>
        {
            _steps.Add("handler");
            return Task.FromResult(Unit.Value);
        });

        Assert.That(_steps, Is.EqualTo(new[] { "begin", "lock 3,5,9", "handler", "commit" }));
    }

    [Test]
    public async Task Other_requests_pass_straight_through()
    {
        var behavior = new ProductWriteBehavior<GetProductById, ProductDto>(_unitOfWork.Object, _products.Object);
        var dto = new ProductDto();

        var result = await behavior.Handle(new GetProductById(1), CancellationToken.None, () => Task.FromResult(dto));

        Assert.That(result, Is.SameAs(dto));
        _unitOfWork.VerifyNoOtherCalls();
        _products.VerifyNoOtherCalls();
    }
}
