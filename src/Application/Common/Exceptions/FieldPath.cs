namespace Shop.Application.Common.Exceptions;

/// <summary>Turns FluentValidation property paths (<c>Tags[0].Weight</c>) into the API's camelCase (<c>tags[0].weight</c>).</summary>
public static class FieldPath
{
    public static string ToCamelCase(string path)
    {
        if (string.IsNullOrEmpty(path)) return path;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i];
            if (p.Length > 0 && char.IsUpper(p[0])) parts[i] = char.ToLowerInvariant(p[0]) + p[1..];
        }
        return string.Join('.', parts);
    }
}
