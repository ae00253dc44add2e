using Shop.Application.Common.Exceptions;

namespace Shop.Application.UnitTests.Common;

public class FieldPathTests
{
    [TestCase("Tags[0].Weight", "tags[0].weight")]
    [TestCase("Name", "name")]
    [TestCase("PageSize", "pageSize")]
    [TestCase("MinPrice", "minPrice")]
    [TestCase("[3].Price", "[3].price")]
    [TestCase("[3].Tags[1].Slug", "[3].tags[1].slug")]
    [TestCase("price", "price")]
    [TestCase("categoryId", "categoryId")]
    [TestCase("", "")]
    public void ToCamelCase_lowers_the_first_letter_of_every_segment(string path, string expected)
    {
        Assert.That(FieldPath.ToCamelCase(path), Is.EqualTo(expected));
    }
}
