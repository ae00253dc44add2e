using Moq;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.UnitTests.Support;

public static class UnitOfWorkMock
{
    /// <summary>A unit of work outside any transaction: what runs "after the commit" runs at once, as the real one does.</summary>
    public static Mock<IUnitOfWork> Create()
    {
        var unitOfWork = new Mock<IUnitOfWork>();
        unitOfWork.Setup(u => u.AfterCommitAsync(It.IsAny<Func<Task>>())).Returns((Func<Task> action) => action());
        return unitOfWork;
    }
}
