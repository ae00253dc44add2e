using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>
/// Counts the SQL commands one DbContext sends, through EF Core's diagnostic events: a test can show that a
/// batch is written in a few round trips instead of one per row, without timing anything.
/// </summary>
internal sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly DbContext _context;
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];
    private int _count;
    private int _transactions;

    public CommandCounter(DbContext context)
    {
        _context = context;
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Commands sent (one round trip each on a network database).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Transactions begun.</summary>
    public int Transactions => Volatile.Read(ref _transactions);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) lock (_listeners) _listeners.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData command && ReferenceEquals(command.Context, _context))
            Interlocked.Increment(ref _count);
        else if (e.Key == RelationalEventId.TransactionStarted.Name && e.Value is TransactionEndEventData transaction && ReferenceEquals(transaction.Context, _context))
            Interlocked.Increment(ref _transactions);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners) _listeners.ForEach(l => l.Dispose());
    }
}
