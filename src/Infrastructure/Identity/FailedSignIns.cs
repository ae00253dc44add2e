using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Identity;

/// <summary>
/// Lockout counting that holds under concurrency. Identity's <c>AccessFailedAsync</c> reads the count, adds one
/// and saves with the concurrency stamp, so of N guesses sent together most lose their increment (or fail the
/// save) and far more than the limit get their password checked. Here every guess first takes a slot with one
/// conditional UPDATE before its password is checked: the slot that reaches the limit locks the account in the
/// same statement, and a guess that finds no slot is answered as locked without looking at the password.
/// </summary>
internal sealed class FailedSignIns(ShopDbContext db, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    /// <summary>The outcome of taking a slot: whether the guess may be checked, and the lockout it set, if any.</summary>
    public readonly record struct Slot(bool Taken, DateTimeOffset? LockedUntil);

    private static readonly Slot NoSlot = new(false, null);

    public async Task<Slot> TakeAsync(IdentityUser user, CancellationToken cancellationToken)
    {
        if (!user.LockoutEnabled) return new Slot(true, null);
        var max = Math.Max(1, identity.Value.Lockout.MaxFailedAccessAttempts);
        var observed = (user.LockoutEnd, user.AccessFailedCount);
        // A few rounds only when another request moved the lockout between our read and our update.
        for (var round = 0; round < 5; round++)
        {
            var now = clock.GetUtcNow();
            if (observed.LockoutEnd > now) return NoSlot;
            var lockoutEnd = observed.LockoutEnd;
            if (await db.Users
                    .Where(u => u.Id == user.Id && u.LockoutEnd == lockoutEnd && u.AccessFailedCount < max - 1)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), cancellationToken) == 1)
                return new Slot(true, null);

            // Whole seconds: the value must read back equal on every provider (PostgreSQL keeps microseconds).
            var until = TruncateToSeconds(now + identity.Value.Lockout.DefaultLockoutTimeSpan);
            if (await db.Users
                    .Where(u => u.Id == user.Id && u.LockoutEnd == lockoutEnd && u.AccessFailedCount >= max - 1)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0).SetProperty(u => u.LockoutEnd, until), cancellationToken) == 1)
                return new Slot(true, until);

            var current = await db.Users.AsNoTracking().Where(u => u.Id == user.Id)
                .Select(u => new { u.LockoutEnd, u.AccessFailedCount }).SingleOrDefaultAsync(cancellationToken);
            if (current is null) return NoSlot;
            observed = (current.LockoutEnd, current.AccessFailedCount);
        }
        return NoSlot;
    }

    /// <summary>
    /// The password was right: the failures so far are forgiven, and a lockout this very guess set (it took the last
    /// slot) is lifted again. A lockout set by a concurrent wrong guess stays.
    /// </summary>
    public async Task ForgiveAsync(IdentityUser user, Slot slot, CancellationToken cancellationToken)
    {
        if (!user.LockoutEnabled) return;
        await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount != 0)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), cancellationToken);
        if (slot.LockedUntil is { } until)
        {
            await db.Users.Where(u => u.Id == user.Id && u.LockoutEnd == until)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null), cancellationToken);
        }
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
