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
}
