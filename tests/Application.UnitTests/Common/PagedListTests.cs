using Shop.Application.Common.Models;

namespace Shop.Application.UnitTests.Common;

public class PagedListTests
{
    [TestCase(0, 20, 0)]
    [TestCase(1, 20, 1)]
    [TestCase(20, 20, 1)]
    [TestCase(21, 20, 2)]
    [TestCase(123, 20, 7)]
    public void TotalPages_rounds_up(int totalCount, int pageSize, int expected)
    {
        Assert.That(new PagedList<int>([], 1, pageSize, totalCount).TotalPages, Is.EqualTo(expected));
    }

    [Test]
    public void The_first_of_several_pages_has_a_next_and_no_previous()
    {
        var page = new PagedList<int>([], 1, 20, 123);

        Assert.Multiple(() =>
        {
            Assert.That(page.HasNext, Is.True);
            Assert.That(page.HasPrevious, Is.False);
        });
    }

    [Test]
    public void The_last_page_has_a_previous_and_no_next()
    {
        var page = new PagedList<int>([], 7, 20, 123);

        Assert.Multiple(() =>
        {
            Assert.That(page.HasNext, Is.False);
            Assert.That(page.HasPrevious, Is.True);
        });
    }

    [TestCase(1, 20, 0)]
    [TestCase(2, 20, 20)]
    [TestCase(3, 100, 200)]
    public void Skip_is_the_items_of_the_earlier_pages(int page, int pageSize, int expected)
    {
        IPagedRequest request = new Shop.Application.Products.Queries.ListProducts(Page: page, PageSize: pageSize);

        Assert.That(request.Skip(), Is.EqualTo(expected));
    }

    [Test]
    public void Skip_of_a_huge_page_does_not_overflow()
    {
        IPagedRequest request = new Shop.Application.Products.Queries.ListProducts(Page: int.MaxValue, PageSize: 100);

        Assert.That(request.Skip(), Is.EqualTo(int.MaxValue));
    }
}
