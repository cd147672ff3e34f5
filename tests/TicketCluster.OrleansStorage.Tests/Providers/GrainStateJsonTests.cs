using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using TicketCluster.Storage;

namespace TicketCluster.OrleansStorage.Tests.Providers;

/// <summary>The JSON the grain storage providers store (<see cref="GrainStateJson"/>).</summary>
public sealed class GrainStateJsonTests
{
    private sealed record Note(string Author, string Text);

    private sealed record Reply(string Author, string? Text, string? Mood = "calm")
    {
        public string? Channel { get; init; } = "web";

        public string? Language { get; init; }
    }

    private sealed class Draft
    {
        public string? Title { get; set; }

        public string? Status { get; set; } = "open";
    }

    private sealed record Strict(string? Text)
    {
        public string? Origin { get; init; }

        public string Author { get; } = Text ?? throw new ArgumentNullException(nameof(Text));
    }

    private sealed record Tally(ImmutableArray<string> Items)
    {
        /// <summary>Computed; on an instance built with defaults (a default array) it throws.</summary>
        public string? Summary => Items.Length == 0 ? null : string.Join(",", Items);

        /// <summary>Settable, and its getter throws on an instance built with defaults, so whether it reads
        /// back null cannot be shown.</summary>
        public string? Note { get => Items.Length > 9 ? "long" : field; init; }
    }

    [Fact]
    public void Serialize_MembersWhoseGetterThrowsOnDefaults_ComputedLeftOutSettableWrittenAsNull()
    {
        var json = JsonSerializer.Serialize(new Tally([]), GrainStateJson.Options);

        Assert.Equal("""{"items":[],"note":null}""", json);
        Assert.Equal("""{"items":["a"],"summary":"a","note":null}""", JsonSerializer.Serialize(new Tally(["a"]), GrainStateJson.Options));
    }

    [Fact]
    public void Serialize_NullMembers_LeftOutOnlyWhereTheyReadBackNull()
    {
        var reply = new Reply("a", null, null) { Channel = null, Language = null };

        var json = JsonSerializer.Serialize(reply, GrainStateJson.Options);

        // Text (no default) and Language (no initializer) are left out; Mood's default and Channel's
        // initializer would read back as "calm" and "web", so their nulls are written.
        Assert.Equal("""{"author":"a","mood":null,"channel":null}""", json);
        Assert.Equal(reply, JsonSerializer.Deserialize<Reply>(json, GrainStateJson.Options));
        Assert.Equal(
            """{"author":"a","text":"t","mood":"calm","channel":"web","language":"zh"}""",
            JsonSerializer.Serialize(new Reply("a", "t") { Language = "zh" }, GrainStateJson.Options));
    }

    [Fact]
    public void Serialize_NullMembersOfAParameterlessType_LeftOutUnlessInitialized()
    {
        var json = JsonSerializer.Serialize(new Draft { Title = null, Status = null }, GrainStateJson.Options);

        Assert.Equal("""{"status":null}""", json);
        Assert.Null(JsonSerializer.Deserialize<Draft>(json, GrainStateJson.Options)!.Status);
    }

    [Fact]
    public void Serialize_TypeThatCannotBeBuiltWithDefaults_WritesItsInitializedMembersNulls()
    {
        // Built with Text null the constructor throws, so whether Origin reads back null cannot be shown:
        // its null is written. Text, a parameter without a default, is left out when null (not here).
        var json = JsonSerializer.Serialize(new Strict("t"), GrainStateJson.Options);

        Assert.Equal("""{"text":"t","origin":null,"author":"t"}""", json);
    }

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
