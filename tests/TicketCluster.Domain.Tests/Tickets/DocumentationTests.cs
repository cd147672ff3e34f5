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
        var active = ActiveLine().Match(string.Join('\n', lines)).Groups[1].Value.TrimEnd('.').Split(", ");

        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            var row = lines.Single(l => l.StartsWith($"| `{status}` |", StringComparison.Ordinal));
            var documented = row.Split('|')[3].Trim().Split(", ").SelectMany(c => c == "*active*" ? active : [c]);

            Assert.Equal(TransitionTable.AllowedIn(status).Select(k => k.ToString()).Order(), documented.Order());
        }
    }

    private static string DomainDoc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "domain.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/domain.md not found above the test directory.");
    }

    [GeneratedRegex(@"\*active\* = ([^\n]+)")]
    private static partial Regex ActiveLine();
}
