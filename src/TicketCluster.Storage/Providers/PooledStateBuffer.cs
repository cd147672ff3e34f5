using System.Buffers;
using System.Text.Json;

namespace TicketCluster.Storage.Providers;

/// <summary>
/// A state's JSON in an array rented from <see cref="ArrayPool{T}.Shared"/>, for as long as its write is in
/// flight: a grain's whole state is serialized again for each write (a ticket's 5 KB, a merchant part's
/// 8 KB), and a fresh array each time was a tenth of the bytes the silo allocated per intake. Dispose it once
/// the write has committed or failed; <see cref="Written"/> is not to be read after that.
/// </summary>
public sealed class PooledStateBuffer : IBufferWriter<byte>, IDisposable
{
    private const int InitialBytes = 4096;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private byte[] _array;
    private int _written;

    private PooledStateBuffer() => _array = ArrayPool<byte>.Shared.Rent(InitialBytes);

    /// <summary>The JSON written so far.</summary>
    public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _written);

    /// <summary><paramref name="value"/> serialized with <see cref="GrainStateJson.Options"/> into a rented
    /// array: the bytes <see cref="JsonSerializer.SerializeToUtf8Bytes{TValue}(TValue, JsonSerializerOptions?)"/>
    /// writes.</summary>
    public static PooledStateBuffer Serialize<T>(T value)
    {
        var options = GrainStateJson.Options;
        var buffer = new PooledStateBuffer();
        try
        {
            // The writer is the thread's, reset onto each buffer; it never outlives this call's use of it.
            var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
            writer.Reset(buffer);
            JsonSerializer.Serialize(writer, value, options);
            writer.Flush();
            writer.Reset();
            return buffer;
        }
        catch
        {
            t_writer = null;
            buffer.Dispose();
            throw;
        }
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _array.AsSpan(_written);
    }

    public void Dispose()
    {
        var array = _array;
        _array = [];
        _written = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Grow(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_array.Length == 0, this);
        var needed = Math.Max(sizeHint, 1);
        if (_array.Length - _written >= needed)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _written + needed));
        _array.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = larger;
    }
}
