namespace Shop.Application.Common.Interfaces;

/// <summary>
/// Seals paging cursors: a client holds them but can neither read nor forge them, so a cursor only ever points where
/// the shop itself left off (the host's implementation uses ASP.NET Core Data Protection, keys shared by every instance).
/// </summary>
public interface ICursorProtector
{
    /// <summary>An opaque, URL-safe token for <paramref name="payload"/>.</summary>
    string Protect(string payload);

    /// <summary>The payload of a token made by <see cref="Protect"/>, or null when it was altered, cut or made elsewhere.</summary>
    string? Unprotect(string token);
}
