namespace Shop.WebApi.Cli;

/// <summary>A verb's options: <c>--flag</c>, <c>--name value</c> or <c>--name=value</c>. Anything not asked for is an error.</summary>
public sealed class Args(string[] raw)
{
    private readonly List<string> _rest = [.. raw];

    public bool Flag(string name) => _rest.Remove("--" + name);

    public string? Value(string name)
    {
        var i = _rest.FindIndex(a => a == "--" + name || a.StartsWith($"--{name}=", StringComparison.Ordinal));
        if (i < 0) return null;
        var arg = _rest[i];
        _rest.RemoveAt(i);
        if (arg.Contains('=', StringComparison.Ordinal)) return arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..];
        if (i >= _rest.Count || _rest[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"--{name} needs a value.");
        var value = _rest[i];
        _rest.RemoveAt(i);
        return value;
    }

    /// <summary>Takes the first argument that is not an option (<c>import-products FILE.csv</c>); null when there is none.</summary>
    public string? Positional()
    {
        var i = _rest.FindIndex(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (i < 0) return null;
        var value = _rest[i];
        _rest.RemoveAt(i);
        return value;
    }

    public void RejectUnknown()
    {
        if (_rest.Count > 0) throw new ArgumentException($"unexpected argument(s): {string.Join(' ', _rest)}");
    }
}
