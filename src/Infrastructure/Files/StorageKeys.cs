namespace Shop.Infrastructure.Files;

/// <summary>
/// The one rule for a storage key, whichever storage keeps the file. Keys are chosen by the server, but one is still
/// checked before it reaches a disk or a bucket: relative, forward slashes, no empty or dot segments, no NUL.
/// </summary>
internal static class StorageKeys
{
    public static string Checked(string key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Contains('\\') || key.Contains('\0') || key.StartsWith('/') || Path.IsPathRooted(key)
            || key.Split('/').Any(segment => segment is "" or "." or ".."))
            throw new ArgumentException($"'{key}' is not a valid storage key.", nameof(key));
        return key;
    }
}
