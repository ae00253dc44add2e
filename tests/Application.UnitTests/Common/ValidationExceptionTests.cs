using FluentValidation.Results;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.UnitTests.Common;

public class ValidationExceptionTests
{
    [Test]
    public void Failures_are_grouped_by_camel_case_field()
    {
        var exception = new ValidationException(
        [
            new ValidationFailure("Name", "The name is required."),
            new ValidationFailure("Tags[0].Weight", "Too heavy."),
            new ValidationFailure("Tags[0].Weight", "Still too heavy."),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(exception.Errors.Keys, Is.EquivalentTo(new[] { "name", "tags[0].weight" }));
            Assert.That(exception.Errors["tags[0].weight"], Is.EqualTo(new[] { "Too heavy.", "Still too heavy." }));
        });
    }

    [Test]
    public void The_same_message_twice_for_a_field_is_kept_once()
    {
        var exception = new ValidationException(
        [
            new ValidationFailure("Price", "Bad price."),
            new ValidationFailure("price", "Bad price."),
        ]);

        Assert.That(exception.Errors["price"], Is.EqualTo(new[] { "Bad price." }));
    }

    [Test]
    public void A_single_field_error_is_keyed_as_given()
    {
        var exception = new ValidationException("categoryId", "There is no category with id 9.");

        Assert.That(exception.Errors["categoryId"], Is.EqualTo(new[] { "There is no category with id 9." }));
    }
}
