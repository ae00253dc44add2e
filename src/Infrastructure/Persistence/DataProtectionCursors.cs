using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Shop.Application.Common.Interfaces;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// Paging cursors sealed with ASP.NET Core Data Protection (authenticated encryption; the key ring lives in the database,
/// so every instance opens the cursors of the others, and no key is in the repository). Base64url keeps them URL-safe.
/// </summary>
internal sealed class DataProtectionCursors(IDataProtectionProvider provider) : ICursorProtector
{
    // Its own purpose: no other protected payload of the app (cookies, antiforgery tokens) opens as a cursor.
    private readonly IDataProtector _protector = provider.CreateProtector("Shop.PagingCursor.v1");

    public string Protect(string payload) => Base64Url.EncodeToString(_protector.Protect(Encoding.UTF8.GetBytes(payload)));

    public string? Unprotect(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(_protector.Unprotect(Base64Url.DecodeFromChars(token)));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
