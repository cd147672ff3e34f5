using System.Text;
using System.Text.Json;
using TicketCluster.Storage;

namespace TicketCluster.OrleansStorage.Tests.Providers;

/// <summary>The JSON the grain storage providers store (<see cref="GrainStateJson"/>).</summary>
public sealed class GrainStateJsonTests
{
    private sealed record Note(string Author, string Text);

    [Fact]
    public void Serialize_NonAsciiText_WrittenAsUtf8NotEscaped()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new Note("张三", "电水壶漏水"), GrainStateJson.Options);

        Assert.Equal("""{"author":"张三","text":"电水壶漏水"}""", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Serialize_QuotesBackslashesAndControlCharacters_EscapedAndRoundTrip()
    {
        var note = new Note("a\"b", "line\\one\nline\u0001two </script>");

        var bytes = JsonSerializer.SerializeToUtf8Bytes(note, GrainStateJson.Options);
        var json = Encoding.UTF8.GetString(bytes);

        Assert.Contains("a\\\"b", json, StringComparison.Ordinal);
        Assert.Contains("line\\\\one\\nline\\u0001two", json, StringComparison.Ordinal);
        Assert.Equal(note, JsonSerializer.Deserialize<Note>(bytes, GrainStateJson.Options));
    }
}
