using System.Text;
using TicketCluster.Runtime.Serialization;

namespace TicketCluster.Runtime.Tests.Serialization;

public sealed class JsonGrainStateSerializerTests
{
    private sealed record Note(string Author, string Text);

    [Fact]
    public void Serialize_NonAsciiText_WrittenAsUtf8NotEscaped()
    {
        var bytes = new JsonGrainStateSerializer().Serialize(new Note("张三", "电水壶漏水"));

        Assert.Equal("""{"author":"张三","text":"电水壶漏水"}""", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Serialize_QuotesBackslashesAndControlCharacters_EscapedAndRoundTrip()
    {
        var serializer = new JsonGrainStateSerializer();
        var note = new Note("a\"b", "line\\one\nline\u0001two </script>");

        var bytes = serializer.Serialize(note);
        var json = Encoding.UTF8.GetString(bytes);

        Assert.Contains("a\\\"b", json, StringComparison.Ordinal);
        Assert.Contains("line\\\\one\\nline\\u0001two", json, StringComparison.Ordinal);
        Assert.Equal(note, serializer.Deserialize<Note>(bytes));
    }
}
