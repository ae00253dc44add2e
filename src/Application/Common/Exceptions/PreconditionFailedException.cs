namespace Shop.Application.Common.Exceptions;

/// <summary>The client's <c>If-Match</c> names a version that is no longer current.</summary>
public sealed class PreconditionFailedException()
    : Exception("The resource has changed since you read it; fetch it again and retry.");
