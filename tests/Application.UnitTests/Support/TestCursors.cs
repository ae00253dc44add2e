using System.Text;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.UnitTests.Support;

/// <summary>A stand-in for Data Protection: readable tokens, but one not made here (or altered) does not open.</summary>
internal sealed class TestCursors : ICursorProtector
{
    public static readonly TestCursors Instance = new();
    private const string Mark = "sealed:";

    public string Protect(string payload) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Mark + payload));

    public string? Unprotect(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith(Mark, StringComparison.Ordinal) ? text[Mark.Length..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
