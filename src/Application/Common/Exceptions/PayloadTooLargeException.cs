namespace Shop.Application.Common.Exceptions;

/// <summary>The content is larger than the operation allows: 413.</summary>
public sealed class PayloadTooLargeException(long limitBytes)
    : Exception($"The content is larger than the limit of {limitBytes / (1024 * 1024.0):0.##} MiB.")
{
    public long LimitBytes { get; } = limitBytes;
}
