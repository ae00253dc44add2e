using Shop.Infrastructure.Identity;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>The rules of Django's password validators, without a database (the expected values are Python's).</summary>
public sealed class PasswordRulesTests
{
    [TestCase("abcd", "bcde", 0.75)]
    [TestCase("hello", "world", 0.4)]
    [TestCase("alice.smith1", "alice.smith", 22.0 / 23)]
    [TestCase("", "", 1.0)]
    public void Quick_ratio_is_that_of_Pythons_SequenceMatcher(string a, string b, double expected) =>
        Assert.That(PasswordSimilarity.QuickRatio(a, b), Is.EqualTo(expected).Within(1e-12));

    [TestCase("Alice.Smith1", "alice.smith", true, TestName = "the whole username with a digit")]
    [TestCase("Ecilaa99!", "alice", true, TestName = "the username's letters shuffled")]
    [TestCase("example-1", "bob@example.com", true, TestName = "a part of the email address")]
    [TestCase("moc", "bob@example.com", true, TestName = "a short password and a short part")]
    [TestCase("smith2024!", "alice.smith@example.com", false, TestName = "below 0.7")]
    [TestCase("rootroot", "root", false, TestName = "two thirds similar")]
    [TestCase("correct horse battery staple", "com", false, TestName = "a part far shorter than the password is skipped")]
    [TestCase("Str0ng!Passw0rd", "alice", false, TestName = "unrelated")]
    [TestCase("Str0ng!Passw0rd", null, false, TestName = "no attribute")]
    public void Similarity_to_an_attribute_or_its_parts_is_refused_from_0_7(string password, string? attribute, bool tooSimilar) =>
        Assert.That(PasswordSimilarity.IsTooSimilar(password, attribute), Is.EqualTo(tooSimilar));

    [Test]
    public void The_common_password_list_holds_at_least_20000_passwords_and_compares_ignoring_case_and_spaces()
    {
        Assert.That(CommonPasswords.Count, Is.GreaterThanOrEqualTo(20_000));
        Assert.Multiple(() =>
        {
            Assert.That(CommonPasswords.Contains("password"), Is.True);
            Assert.That(CommonPasswords.Contains(" P@ssw0rd "), Is.True);
            Assert.That(CommonPasswords.Contains("Str0ng!Passw0rd"), Is.False);
        });
    }
}
