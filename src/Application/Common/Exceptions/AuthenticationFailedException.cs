namespace Shop.Application.Common.Exceptions;

/// <summary>Credentials or a refresh token were refused. Deliberately says nothing about why.</summary>
public sealed class AuthenticationFailedException()
    : Exception("The credentials are not valid.");
