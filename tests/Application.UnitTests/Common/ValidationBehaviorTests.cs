using FluentValidation;
using Shop.Application.Common.Behaviors;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.UnitTests.Common;

public class ValidationBehaviorTests
{
    public sealed record Ping(string? Name, int Count, IReadOnlyList<Item> Items);

    public sealed record Item(int Weight);

    private sealed class NameValidator : AbstractValidator<Ping>
    {
        public NameValidator() => RuleFor(x => x.Name).NotEmpty().WithMessage("The name is required.");
    }

    private sealed class CountAndItemsValidator : AbstractValidator<Ping>
    {
        public CountAndItemsValidator()
        {
            RuleFor(x => x.Count).GreaterThan(0).WithMessage("The count must be positive.");
            RuleForEach(x => x.Items).ChildRules(i => i.RuleFor(x => x.Weight).InclusiveBetween(1, 1000).WithMessage("Bad weight."));
        }
    }

    private static readonly Ping Valid = new("ping", 1, [new Item(1)]);

    [Test]
    public async Task A_valid_request_reaches_the_handler()
    {
        var behavior = new ValidationBehavior<Ping, string>([new NameValidator(), new CountAndItemsValidator()]);
        var calls = 0;

        var response = await behavior.Handle(Valid, CancellationToken.None, () => { calls++; return Task.FromResult("pong"); });

        Assert.Multiple(() =>
        {
            Assert.That(response, Is.EqualTo("pong"));
            Assert.That(calls, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_request_without_validators_reaches_the_handler()
    {
        var behavior = new ValidationBehavior<Ping, string>([]);

        var response = await behavior.Handle(new Ping(null, -1, []), CancellationToken.None, () => Task.FromResult("pong"));

        Assert.That(response, Is.EqualTo("pong"));
    }

    [Test]
    public void An_invalid_request_throws_every_failure_of_every_validator_by_camel_case_field()
    {
        var behavior = new ValidationBehavior<Ping, string>([new NameValidator(), new CountAndItemsValidator()]);
        var calls = 0;

        var exception = Assert.ThrowsAsync<ValidationException>(() =>
            behavior.Handle(new Ping("", 0, [new Item(1), new Item(5000)]), CancellationToken.None, () => { calls++; return Task.FromResult("pong"); }));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Errors.Keys, Is.EquivalentTo(new[] { "name", "count", "items[1].weight" }));
            Assert.That(exception.Errors["name"], Is.EqualTo(new[] { "The name is required." }));
            Assert.That(calls, Is.Zero, "the handler must not run");
        });
    }
}
