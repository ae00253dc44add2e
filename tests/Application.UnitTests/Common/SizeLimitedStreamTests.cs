using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Files;

namespace Shop.Application.UnitTests.Common;

public class SizeLimitedStreamTests
{
    [Test]
    public async Task Reads_the_bytes_already_read_then_the_rest_of_the_source()
    {
        var source = new MemoryStream("defgh"u8.ToArray());
        using var copy = new MemoryStream();

        await new SizeLimitedStream(source, "abc"u8.ToArray(), limitBytes: 8).CopyToAsync(copy);

        Assert.That(copy.ToArray(), Is.EqualTo("abcdefgh"u8.ToArray()));
    }

    [Test]
    public void One_byte_over_the_limit_throws_payload_too_large()
    {
        var source = new MemoryStream("defghi"u8.ToArray());

        var error = Assert.ThrowsAsync<PayloadTooLargeException>(() => new SizeLimitedStream(source, "abc"u8.ToArray(), limitBytes: 8).CopyToAsync(Stream.Null));

        Assert.That(error!.LimitBytes, Is.EqualTo(8));
    }

    [Test]
    public void The_synchronous_read_counts_too()
    {
        var stream = new SizeLimitedStream(new MemoryStream(new byte[10]), ReadOnlyMemory<byte>.Empty, limitBytes: 4);

        Assert.Throws<PayloadTooLargeException>(() => stream.CopyTo(Stream.Null));
    }
}
