using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace Shop.Infrastructure.Identity;

// Django's AUTH_PASSWORD_VALIDATORS, as Identity password validators: every path that sets a password through
// UserManager (createsuperuser, createuser, a future password change) gets them. The minimum length of 8 is
// Identity's own RequiredLength. Error codes start with "Password" so the errors are keyed "password".

/// <summary>Django's CommonPasswordValidator: refuses a password from the shipped list of common ones.</summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<IdentityUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password) =>
        Task.FromResult(password is not null && CommonPasswords.Contains(password)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "This password is too common." })
            : IdentityResult.Success);
}

/// <summary>Django's NumericPasswordValidator: refuses a password made of digits only.</summary>
internal sealed class NumericPasswordValidator : IPasswordValidator<IdentityUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password) =>
        Task.FromResult(password is { Length: > 0 } && password.All(char.IsDigit)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordEntirelyNumeric", Description = "This password is entirely numeric." })
            : IdentityResult.Success);
}

/// <summary>Django's UserAttributeSimilarityValidator over the username and the email address.</summary>
internal sealed class UserAttributeSimilarityValidator : IPasswordValidator<IdentityUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success);
        foreach (var (value, label) in new[] { (user.UserName, "username"), (user.Email, "email address") })
        {
            if (PasswordSimilarity.IsTooSimilar(password, value))
                return Task.FromResult(IdentityResult.Failed(new IdentityError
                {
                    Code = "PasswordTooSimilar",
                    Description = $"The password is too similar to the {label}.",
                }));
        }
        return Task.FromResult(IdentityResult.Success);
    }
}

/// <summary>The similarity test of Django's UserAttributeSimilarityValidator, with its default maximum of 0.7.</summary>
internal static partial class PasswordSimilarity
{
    public const double MaxSimilarity = 0.7;

    /// <summary>
    /// True when the password is as similar as <see cref="MaxSimilarity"/> to the attribute or to one of its parts
    /// split on non-word characters (<c>bob.smith@example.com</c> → <c>bob</c>, <c>smith</c>, <c>example</c>, <c>com</c>).
    /// A part far shorter than the password is skipped, as Django does, so a long password is not refused for
    /// happening to contain the letters of <c>com</c>.
    /// </summary>
    public static bool IsTooSimilar(string password, string? attribute)
    {
        if (string.IsNullOrEmpty(attribute)) return false;
        var pwd = password.ToLowerInvariant();
        var value = attribute.ToLowerInvariant();
        foreach (var part in NonWord().Split(value).Append(value))
        {
            if (ExceedsMaximumLengthRatio(pwd, part)) continue;
            if (QuickRatio(pwd, part) >= MaxSimilarity) return true;
        }
        return false;
    }

    /// <summary>Python's <c>SequenceMatcher(a, b).quick_ratio()</c>: 2·(characters in common, with multiplicity) / (|a| + |b|).</summary>
    public static double QuickRatio(string a, string b)
    {
        if (a.Length + b.Length == 0) return 1.0;
        var available = new Dictionary<char, int>();
        foreach (var c in b) available[c] = available.GetValueOrDefault(c) + 1;
        var matches = 0;
        foreach (var c in a)
        {
            if (available.GetValueOrDefault(c) <= 0) continue;
            available[c]--;
            matches++;
        }
        return 2.0 * matches / (a.Length + b.Length);
    }

    private static bool ExceedsMaximumLengthRatio(string password, string value) =>
        password.Length >= 10 * value.Length && value.Length < MaxSimilarity / 2 * password.Length;

    [GeneratedRegex(@"\W+")]
    private static partial Regex NonWord();
}

/// <summary>
/// The 30,000 most common passwords (zxcvbn's frequency list, MIT licence), lowercase, one a line, shipped gzipped as
/// an embedded resource like Django's <c>common-passwords.txt.gz</c>; read once, on first use.
/// </summary>
internal static class CommonPasswords
{
    private const string ResourceName = "Shop.Infrastructure.Identity.common-passwords.txt.gz";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    /// <summary>Compared as Django does: ignoring case and surrounding white space.</summary>
    public static bool Contains(string password) => List.Value.Contains(password.Trim());

    private static HashSet<string> Load()
    {
        using var resource = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
                             ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } password) passwords.Add(password);
        }
        return passwords;
    }
}
