using System.Text.RegularExpressions;

namespace Shop.WebApi.FunctionalTests.Deployment;

/// <summary>
/// Reads the subset of YAML that compose.yaml is written in (block maps, block lists of scalars, quoted or plain
/// scalars, comments), and expands compose's <c>${NAME}</c>, <c>${NAME:-default}</c> and <c>${NAME:?message}</c> the
/// way <c>docker compose</c> does, so a test can feed the app exactly the environment compose would give it.
/// </summary>
internal static partial class ComposeFile
{
    /// <summary>A map: each value is a string, a list of strings, or a map.</summary>
    public static Dictionary<string, object> Parse(string path)
    {
        var lines = File.ReadAllLines(path)
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Select(l => (Indent: l.Length - l.TrimStart().Length, Text: l.Trim()))
            .ToList();
        var at = 0;
        return (Dictionary<string, object>)Block(lines, ref at, 0);
    }

    public static Dictionary<string, object> Map(this Dictionary<string, object> map, string key) => (Dictionary<string, object>)map[key];

    /// <summary>A service's environment with every variable expanded from <paramref name="variables"/> (compose's .env).</summary>
    public static Dictionary<string, string> Environment(Dictionary<string, object> compose, string service, IReadOnlyDictionary<string, string> variables) =>
        compose.Map("services").Map(service).Map("environment")
            .ToDictionary(e => e.Key, e => Expand((string)e.Value, variables));

    public static string Expand(string value, IReadOnlyDictionary<string, string> variables) =>
        Variable().Replace(value, m =>
        {
            var set = variables.TryGetValue(m.Groups["name"].Value, out var v) && v.Length > 0 ? v : null;
            return m.Groups["op"].Value switch
            {
                "-" => set ?? m.Groups["arg"].Value,
                "?" => set ?? throw new InvalidOperationException($"compose would refuse: {m.Groups["arg"].Value}"),
                _ => set ?? "",
            };
        });

    private static object Block(List<(int Indent, string Text)> lines, ref int at, int indent)
    {
        if (lines[at].Text.StartsWith("- ", StringComparison.Ordinal))
        {
            var list = new List<string>();
            while (at < lines.Count && lines[at].Indent == indent && lines[at].Text.StartsWith("- ", StringComparison.Ordinal))
                list.Add(Scalar(lines[at++].Text[2..]));
            return list;
        }
        var map = new Dictionary<string, object>();
        while (at < lines.Count && lines[at].Indent == indent)
        {
            var text = lines[at++].Text;
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var key = text[..colon].Trim();
            var rest = text[(colon + 1)..].Trim();
            map[key] = rest.Length > 0 ? Scalar(rest)
                : at < lines.Count && lines[at].Indent > indent ? Block(lines, ref at, lines[at].Indent)
                : new Dictionary<string, object>();
        }
        return map;
    }

    private static string Scalar(string text) =>
        text.Length >= 2 && (text[0] == '"' || text[0] == '\'') && text[^1] == text[0] ? text[1..^1] : text;

    [GeneratedRegex(@"\$\{(?<name>\w+)(?::(?<op>[-?])(?<arg>[^}]*))?\}")]
    private static partial Regex Variable();
}
