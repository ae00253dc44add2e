using Microsoft.Extensions.Logging;
using Shop.Application.Common.Interfaces;

namespace Shop.Application.Common.Files;

public static class FileStorageExtensions
{
    /// <summary>
    /// Removes files whose rows are already gone (or were never written). Runs after the database decided, so it
    /// must not fail the request nor be cancelled with it: a file that cannot be removed is logged as an orphan.
    /// </summary>
    public static async Task DeleteQuietlyAsync(this IFileStorage storage, IEnumerable<string> keys, ILogger logger)
    {
        foreach (var key in keys)
        {
            try
            {
                await storage.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not delete the stored file {Key}; it is left as an orphan", key);
            }
        }
    }
}
