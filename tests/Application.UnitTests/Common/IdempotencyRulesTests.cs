using System.Text;
using Shop.Application.Common.Idempotency;

namespace Shop.Application.UnitTests.Common;

public class IdempotencyRulesTests
{
    [TestCase("a")]
    [TestCase("8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [TestCase(" ~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}")]
    public void Printable_ASCII_keys_of_1_to_255_characters_are_accepted(string key) =>
        Assert.That(IdempotencyRules.KeyProblem(key), Is.Null);

    [Test]
    public void A_key_of_255_characters_is_accepted_and_256_is_not()
    {
        Assert.That(IdempotencyRules.KeyProblem(new string('k', 255)), Is.Null);
        Assert.That(IdempotencyRules.KeyProblem(new string('k', 256)), Does.Contain("255"));
    }

    [TestCase("")]
    [TestCase(null)]
    [TestCase("tab\there")]
    [TestCase("new\nline")]
    [TestCase("café")]
    [TestCase("del\u007f")]
    public void Empty_control_and_non_ASCII_keys_are_refused(string? key) =>
        Assert.That(IdempotencyRules.KeyProblem(key), Is.Not.Null);

    [Test]
    public void The_fingerprint_covers_the_body_bytes_and_the_content_type()
    {
        var body = Encoding.UTF8.GetBytes("""{"name":"A","price":1}""");
        var same = IdempotencyRules.Fingerprint("application/json", body);

        Assert.Multiple(() =>
        {
            Assert.That(IdempotencyRules.Fingerprint("application/json", body), Is.EqualTo(same));
            Assert.That(same, Has.Length.EqualTo(64), "SHA-256 in hex");
            Assert.That(IdempotencyRules.Fingerprint("application/json", Encoding.UTF8.GetBytes("""{"name":"A","price":2}""")), Is.Not.EqualTo(same));
            Assert.That(IdempotencyRules.Fingerprint("application/merge-patch+json", body), Is.Not.EqualTo(same));
            Assert.That(IdempotencyRules.Fingerprint(null, []), Is.Not.EqualTo(IdempotencyRules.Fingerprint("application/json", [])));
        });
    }

    [Test]
    public void Scopes_differ_by_caller_method_and_path_but_not_by_path_case()
    {
        var scope = IdempotencyRules.Scope("user:1", "POST", "/api/products");

        Assert.Multiple(() =>
        {
            Assert.That(IdempotencyRules.Scope("user:2", "POST", "/api/products"), Is.Not.EqualTo(scope));
            Assert.That(IdempotencyRules.Scope("user:1", "PUT", "/api/products"), Is.Not.EqualTo(scope));
            Assert.That(IdempotencyRules.Scope("user:1", "POST", "/api/products/bulk"), Is.Not.EqualTo(scope));
            Assert.That(IdempotencyRules.Scope("user:1", "post", "/API/Products/"), Is.EqualTo(scope));
        });
    }

    [TestCase(200, true)]
    [TestCase(201, true)]
    [TestCase(204, true)]
    [TestCase(400, true)]
    [TestCase(404, true)]
    [TestCase(409, true)]
    [TestCase(413, true)]
    [TestCase(401, false)]
    [TestCase(403, false)]
    [TestCase(408, false)]
    [TestCase(429, false)]
    [TestCase(500, false)]
    [TestCase(503, false)]
    public void Answers_are_kept_except_5xx_and_the_ones_about_the_moment(int status, bool kept) =>
        Assert.That(IdempotencyRules.IsKept(status), Is.EqualTo(kept));

    [Test]
    public void An_entry_expires_after_24_hours_and_a_claim_without_answer_is_abandoned_after_2_minutes()
    {
        var created = new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);
        var running = new IdempotencyEntry(1, "f", created, null);
        var answered = running with { Answer = new StoredAnswer(201, new Dictionary<string, string>(), []) };

        Assert.Multiple(() =>
        {
            Assert.That(IdempotencyRules.IsExpired(answered, created.AddHours(24).AddTicks(-1)), Is.False);
            Assert.That(IdempotencyRules.IsExpired(answered, created.AddHours(24)), Is.True);
            Assert.That(IdempotencyRules.IsAbandoned(running, created.AddMinutes(2).AddTicks(-1)), Is.False);
            Assert.That(IdempotencyRules.IsAbandoned(running, created.AddMinutes(2)), Is.True);
            Assert.That(IdempotencyRules.IsAbandoned(answered, created.AddHours(1)), Is.False);
        });
    }
}
