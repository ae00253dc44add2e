using Shop.Application.Common.Exceptions;

namespace Shop.Application.Common.Files;

/// <summary>
/// A read-only, forward-only view of an upload: first the bytes already read from it (to recognise its type),
/// then the rest of the source. It counts while it is read and throws <see cref="PayloadTooLargeException"/>
/// as soon as more than the limit has come through, so an oversized upload is cut while it streams rather
/// than after it was all stored. The source is not disposed: its owner does that.
/// </summary>
public sealed class SizeLimitedStream(Stream source, ReadOnlyMemory<byte> alreadyRead, long limitBytes) : Stream
{
    private ReadOnlyMemory<byte> _prefix = alreadyRead;
    private long _total;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = TakePrefix(buffer);
        if (n == 0) n = source.Read(buffer);
        return Count(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = TakePrefix(buffer.Span);
        if (n == 0) n = await source.ReadAsync(buffer, cancellationToken);
        return Count(n);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int TakePrefix(Span<byte> buffer)
    {
        if (_prefix.IsEmpty || buffer.IsEmpty) return 0;
        var n = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer);
        _prefix = _prefix[n..];
        return n;
    }

    private int Count(int n)
    {
        _total += n;
        if (_total > limitBytes) throw new PayloadTooLargeException(limitBytes);
        return n;
    }
}
