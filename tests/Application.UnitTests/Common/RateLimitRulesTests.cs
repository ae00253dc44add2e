using Shop.Application.Common.RateLimiting;

namespace Shop.Application.UnitTests.Common;

public class RateLimitRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 4, 0, 0, DateTimeKind.Utc);

    [TestCase(1)]
    [TestCase(10)]
    public void Requests_up_to_the_limit_are_allowed(int count) =>
        Assert.That(RateLimitRules.RetryAfterSeconds(new RateWindow(count, Now.AddSeconds(30)), 10, Now), Is.Null);

    [Test]
    public void The_request_past_the_limit_waits_until_the_window_ends() =>
        Assert.That(RateLimitRules.RetryAfterSeconds(new RateWindow(11, Now.AddSeconds(42)), 10, Now), Is.EqualTo(42));

    [Test]
    public void A_part_of_a_second_left_is_rounded_up_so_the_client_does_not_come_back_too_early() =>
        Assert.That(RateLimitRules.RetryAfterSeconds(new RateWindow(11, Now.AddSeconds(41.2)), 10, Now), Is.EqualTo(42));

    [Test]
    public void A_window_ending_now_still_asks_for_one_second() =>
        Assert.That(RateLimitRules.RetryAfterSeconds(new RateWindow(11, Now), 10, Now), Is.EqualTo(1));
}
