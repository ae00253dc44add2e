namespace Shop.Infrastructure.Identity;

/// <summary>
/// Takes the password checks for one username one at a time in this process. Each check then sees the failures
/// before it, so a burst of right passwords all sign in one after another instead of tripping over each other's
/// lockout slots (<see cref="FailedSignIns"/> still bounds the guesses across instances). Keyed by the normalized
/// name whether or not such a user exists, so queueing tells nothing about which users exist.
/// </summary>
internal sealed class SignInQueue
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!)) _entries[key] = entry = new Entry();
            entry.Users++;
        }
        try
        {
            await entry.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, entry, release: false);
            throw;
        }
        return new Turn(this, key, entry);
    }

    private void Leave(string key, Entry entry, bool release)
    {
        if (release) entry.Gate.Release();
        lock (_entries)
        {
            // The last one out removes the entry, so the map holds only names being checked right now.
            if (--entry.Users == 0) _entries.Remove(key);
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Turn(SignInQueue queue, string key, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) queue.Leave(key, entry, release: true);
        }
    }
}
