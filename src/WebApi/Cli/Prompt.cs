using Spectre.Console;

namespace Shop.WebApi.Cli;

/// <summary>
/// Interactive questions for the user verbs. On a terminal they are Spectre.Console prompts (an empty answer is
/// asked again; the password is not echoed, not even as asterisks). With stdin redirected (answers piped in by a
/// script) each answer is one line, as before, since Spectre reads keys and a pipe has none; the end of the input
/// is a usage error pointing at --noinput.
/// </summary>
internal static class Prompt
{
    private static readonly Lazy<IAnsiConsole> Terminal = new(() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        // Decided by stdin alone: the prompt text on stdout may go to a log while the operator still types.
        Interactive = InteractionSupport.Yes,
    }));

    public static async Task<string> LineAsync(string label, CancellationToken ct)
    {
        if (Console.IsInputRedirected)
        {
            Console.Write($"{label}: ");
            return Console.ReadLine()?.Trim() ?? throw new ArgumentException($"no {label.ToLowerInvariant()} given (end of input); use --noinput with environment variables.");
        }
        return (await AskAsync(new TextPrompt<string>(Markup.Escape(label)), ct)).Trim();
    }

    public static async Task<string> NewPasswordAsync(CancellationToken ct)
    {
        var password = await SecretAsync("Password", ct);
        // Spectre adds the colon itself, except after a closing parenthesis.
        var again = await SecretAsync("Password (again):", ct);
        if (password != again) throw new ArgumentException("the passwords do not match.");
        return password;
    }

    private static async Task<string> SecretAsync(string label, CancellationToken ct)
    {
        if (Console.IsInputRedirected)
        {
            Console.Write($"{label.TrimEnd(':')}: ");
            return Console.ReadLine() ?? throw new ArgumentException("no password given (end of input).");
        }
        return await AskAsync(new TextPrompt<string>(Markup.Escape(label)).Secret(null), ct);
    }

    private static async Task<string> AskAsync(TextPrompt<string> prompt, CancellationToken ct)
    {
        try
        {
            return await prompt.ShowAsync(Terminal.Value, ct);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C mid-answer: end the prompt's line so that "interrupted" starts on its own.
            Console.WriteLine();
            throw;
        }
    }
}
