using System.Text;

namespace Shop.WebApi.Cli;

/// <summary>Interactive questions for the user verbs; passwords are not echoed when a terminal is attached.</summary>
internal static class Prompt
{
    public static string Line(string label)
    {
        Console.Write($"{label}: ");
        return Console.ReadLine()?.Trim() ?? throw new ArgumentException($"no {label.ToLowerInvariant()} given (end of input); use --noinput with environment variables.");
    }

    public static string NewPassword()
    {
        var password = Secret("Password");
        var again = Secret("Password (again)");
        if (password != again) throw new ArgumentException("the passwords do not match.");
        return password;
    }

    private static string Secret(string label)
    {
        Console.Write($"{label}: ");
        if (Console.IsInputRedirected) return Console.ReadLine() ?? throw new ArgumentException("no password given (end of input).");
        var sb = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (sb.Length > 0) sb.Length--; }
            else sb.Append(key.KeyChar);
        }
        Console.WriteLine();
        return sb.ToString();
    }
}
