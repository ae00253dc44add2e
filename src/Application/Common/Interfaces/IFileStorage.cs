namespace Shop.Application.Common.Interfaces;

/// <summary>
/// Where uploaded files live (a local folder today, object storage behind several instances tomorrow).
/// Keys are relative, slash-separated and always chosen by the server, never by a client.
/// </summary>
public interface IFileStorage
{
    /// <summary>
    /// Writes <paramref name="content"/> under <paramref name="key"/>. The file appears whole or not at all:
    /// when reading the content or writing fails, nothing is left under the key.
    /// </summary>
    Task SaveAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Removes the file; a key with no file is not an error (deleting twice is harmless).</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>The file's content to read, or null when there is no file under the key.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);
}
