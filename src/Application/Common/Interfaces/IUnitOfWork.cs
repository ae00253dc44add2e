namespace Shop.Application.Common.Interfaces;

/// <summary>Commits the command's changes in one transaction.</summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Saves. A unique index that refuses the change surfaces as a
    /// <see cref="Exceptions.ConflictException"/> naming the field; a row changed by someone else since it
    /// was read surfaces as a <see cref="Exceptions.PreconditionFailedException"/>.
    /// </summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one database transaction, for a command too big for one save: every
    /// <see cref="SaveChangesAsync"/> inside it is committed when the work returns, and rolled back (with nothing
    /// left tracked) when it throws.
    /// </summary>
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Stops tracking every entity loaded or added so far, so that a long batch saved in chunks keeps a small change
    /// tracker. Unsaved changes are dropped; entities kept from before are detached (load them again to change them).
    /// </summary>
    void ForgetTracked();

    /// <summary>
    /// Runs <paramref name="action"/> once what was saved is committed: at once outside a transaction, after the commit
    /// inside one (and never if it rolls back). For effects that cannot be rolled back, such as deleting files.
    /// </summary>
    Task AfterCommitAsync(Func<Task> action);
}
