using System.Text.RegularExpressions;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>docs/domain.md states the transition table; this keeps the document and the code in step.</summary>
public sealed partial class DocumentationTests
{
    [Fact]
    public void DomainDoc_TransitionTable_MatchesCode()
    {
        var lines = File.ReadAllLines(DomainDoc());
        var text = string.Join('\n', lines);
        var groups = new[] { "active", "dismissals" }.ToDictionary(
            name => $"*{name}*",
            name => GroupLine().Matches(text).Single(m => m.Groups[1].Value == name).Groups[2].Value.TrimEnd('.').Split(", "));

        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            var row = lines.Single(l => l.StartsWith($"| `{status}` |", StringComparison.Ordinal));
            var documented = row.Split('|')[3].Trim().Split(", ").SelectMany(c => groups.TryGetValue(c, out var group) ? group : [c]);

            Assert.Equal(TransitionTable.AllowedIn(status).Select(k => k.ToString()).Order(), documented.Order());
        }
    }

    private static string DomainDoc() =>
        FileAbove.Find(new DirectoryInfo(AppContext.BaseDirectory), Path.Combine("docs", "domain.md"))
        ?? throw new FileNotFoundException("docs/domain.md not found above the test directory.");

    // A named group of commands the table abbreviates: "*active* = AddEvidence, AddContact, ...".
    [GeneratedRegex(@"^\*(\w+)\* = ([^\n]+)", RegexOptions.Multiline)]
    private static partial Regex GroupLine();
}
