namespace Shop.WebApi;

/// <summary>Development only: reads KEY=VALUE lines of a <c>.env</c> file into configuration (environment variables win).</summary>
internal static class DotEnv
{
    public static void Load(string path, IConfigurationManager configuration)
    {
        if (!File.Exists(path)) return;
        var values = new Dictionary<string, string?>();
        foreach (var line in File.ReadAllLines(path))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#') || !trimmed.Contains('=', StringComparison.Ordinal)) continue;
            var key = trimmed[..trimmed.IndexOf('=', StringComparison.Ordinal)].Trim();
            var value = trimmed[(trimmed.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim().Trim('"');
            if (Environment.GetEnvironmentVariable(key) is null) values[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }
        configuration.AddInMemoryCollection(values);
    }
}
