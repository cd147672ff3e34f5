using System.Text.Json;
using TicketCluster.Storage.Providers;

namespace TicketCluster.Storage.Tests.Providers;

/// <summary>A state serialized into a rented array is byte for byte what the serializer writes on its own,
/// whatever the thread wrote before, and the buffer is not usable once returned.</summary>
public sealed class PooledStateBufferTests
{
    private sealed record Sample(string Title, IReadOnlyList<string> Lines);

    private static Sample Of(int lines) =>
        new("退货申请 \"urgent\" <b>", Enumerable.Range(0, lines).Select(i => $"line {i}: 商品破损，需要退款 \\ {i}").ToList());

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(400)]
    public void Serialize_WritesWhatTheSerializerWrites(int lines)
    {
        var state = Of(lines);

        using var buffer = PooledStateBuffer.Serialize(state);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(state, GrainStateJson.Options), buffer.Written.ToArray());
    }

    [Fact]
    public void Serialize_AfterALargerState_CarriesNothingOfIt()
    {
        var small = Of(2);
        using (var large = PooledStateBuffer.Serialize(Of(400)))
        {
            Assert.True(large.Written.Length > 4096);
        }

        using var first = PooledStateBuffer.Serialize(small);
        using var second = PooledStateBuffer.Serialize(small);

        var expected = JsonSerializer.SerializeToUtf8Bytes(small, GrainStateJson.Options);
        Assert.Equal(expected, first.Written.ToArray());
        Assert.Equal(expected, second.Written.ToArray());
    }

    [Fact]
    public void Disposed_RefusesMoreWrites()
    {
        var buffer = PooledStateBuffer.Serialize(Of(1));
        buffer.Dispose();

        Assert.Equal(0, buffer.Written.Length);
        Assert.Throws<ObjectDisposedException>(() => buffer.GetSpan(1));
        buffer.Dispose();
    }
}
