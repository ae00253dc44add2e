namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>Gives some bytes, then fails like a dropped connection.</summary>
public sealed class FailingStream : Stream
{
    private bool _gaveSome;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => 0; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_gaveSome) throw new IOException("The client went away.");
        _gaveSome = true;
        buffer.AsSpan(offset, count).Fill(7);
        return count;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
