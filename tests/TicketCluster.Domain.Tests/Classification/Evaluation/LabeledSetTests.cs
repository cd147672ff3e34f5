using TicketCluster.Domain.Classification;
using Xunit.Abstractions;

namespace TicketCluster.Domain.Tests.Classification.Evaluation;

/// <summary>
/// The classifier measured on labeled complaints: the shared labeled set (never used for tuning), and the
/// project's own development set, split into a tuning part and a held-out part. Prints the scores per
/// language and fails below the targets of docs/classification.md.
/// </summary>
[Trait("Category", "Evaluation")]
public sealed class LabeledSetTests(ITestOutputHelper output)
{
    /// <summary>Overrides where the shared labeled set is read from.</summary>
    public const string PathVariable = "TICKETCLUSTER_EVAL_COMPLAINTS";

    private static readonly string[] Languages = ["zh-CN", "zh-TW", "en"];

    [Fact]
    public void Classify_SharedLabeledSet_MeetsTargetsPerLanguage()
    {
        var path = SharedSetPath();
        var scores = Scorecard.PerLanguage(LabeledComplaint.ReadAll(path), TicketClassifier.Default, Languages);
        Print($"Shared labeled set ({path})", scores);
        AssertTargets(scores);
    }

    [Fact]
    public void Classify_DevelopmentTuningSet_MeetsTargetsPerLanguage()
    {
        var scores = Scorecard.PerLanguage(LabeledComplaint.ReadAll(DevelopmentSet("tuning.jsonl")), TicketClassifier.Default, Languages);
        Print("Development set, tuning part", scores);
        AssertTargets(scores);
    }

    [Fact]
    public void Classify_DevelopmentHeldOutSet_StaysAtItsMeasuredFloor()
    {
        var scores = Scorecard.PerLanguage(LabeledComplaint.ReadAll(DevelopmentSet("held-out.jsonl")), TicketClassifier.Default, Languages);
        Print("Development set, held-out part (never tuned on)", scores);

        // The held-out part is complaints written after the last change of the word lists and scored once, never
        // tuned on: it measures how the rules do on wording they have not seen. It is below some targets
        // (docs/classification.md, "Measured"), so it is judged as a whole against the floor it measured, to catch
        // regressions, not against the targets.
        var all = scores[^1];
        Assert.True(all.SafetyRecall >= 0.85, $"held-out safety recall {all.SafetyRecall:P1} < 85 %");
        Assert.True(all.SafetyFalseAlarms <= 0.05, $"held-out safety false alarms {all.SafetyFalseAlarms:P1} > 5 %");
        Assert.True(all.SeverityAccuracy >= 0.85, $"held-out severity accuracy {all.SeverityAccuracy:P1} < 85 %");
        Assert.True(all.CategoryAccuracy >= 0.80, $"held-out category accuracy {all.CategoryAccuracy:P1} < 80 %");
    }

    /// <summary>The targets of docs/classification.md, for every language and overall.</summary>
    private static void AssertTargets(IReadOnlyList<Scorecard> scores)
    {
        foreach (var score in scores)
        {
            Assert.True(score.SafetyRecall >= 0.98, $"{score.Language}: safety recall {score.SafetyRecall:P1} < 98 %");
            Assert.True(score.SafetyFalseAlarms <= 0.03, $"{score.Language}: safety false alarms {score.SafetyFalseAlarms:P1} > 3 %");
            Assert.True(score.SeverityAccuracy >= 0.90, $"{score.Language}: severity accuracy {score.SeverityAccuracy:P1} < 90 %");
            Assert.True(score.CategoryAccuracy >= 0.90, $"{score.Language}: category accuracy {score.CategoryAccuracy:P1} < 90 %");
        }
    }

    private void Print(string title, IReadOnlyList<Scorecard> scores)
    {
        output.WriteLine(title);
        output.WriteLine(Scorecard.Header);
        foreach (var score in scores)
        {
            output.WriteLine(score.Row());
        }

        foreach (var miss in scores[^1].Misses)
        {
            output.WriteLine($"  miss {miss}");
        }
    }

    /// <summary>
    /// <c>$TICKETCLUSTER_EVAL_COMPLAINTS</c>, else <c>shared/eval/complaints.jsonl</c> in the first folder
    /// above the test's base directory that has one (the repository's parent in CI), else in the first
    /// folder above the repository this one was cloned from, when that is a folder on this machine (a check
    /// run in a fresh clone in a temporary directory: <c>git clone . "$(mktemp -d)"</c>).
    /// </summary>
    private static string SharedSetPath()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured)
        {
            Assert.True(File.Exists(configured), $"{PathVariable} names {configured}, which does not exist.");
            return configured;
        }

        var start = new DirectoryInfo(AppContext.BaseDirectory);
        var relative = Path.Combine("shared", "eval", "complaints.jsonl");
        if ((FileAbove.Find(start, relative) ?? (LocalOrigin(start) is { } origin ? FileAbove.Find(origin, relative) : null)) is { } found)
        {
            return found;
        }

        Assert.Fail($"The labeled set shared/eval/complaints.jsonl was not found in any folder above {AppContext.BaseDirectory} "
            + $"or above the repository it was cloned from; clone the repository beside shared/ or set {PathVariable} to the file.");
        return "";
    }

    /// <summary>The folder the enclosing git repository's <c>origin</c> names, when it is a folder here.</summary>
    private static DirectoryInfo? LocalOrigin(DirectoryInfo start)
    {
        if (FileAbove.Find(start, Path.Combine(".git", "config")) is not { } config)
        {
            return null;
        }

        var inOrigin = false;
        foreach (var line in File.ReadLines(config).Select(l => l.Trim()))
        {
            if (line.StartsWith('['))
            {
                inOrigin = line == "[remote \"origin\"]";
            }
            else if (inOrigin && line.StartsWith("url", StringComparison.Ordinal) && line.IndexOf('=', StringComparison.Ordinal) is var equals and > 0)
            {
                var url = line[(equals + 1)..].Trim();
                return Path.IsPathFullyQualified(url) && Directory.Exists(url) ? new DirectoryInfo(url) : null;
            }
        }

        return null;
    }

    private static string DevelopmentSet(string name) =>
        Path.Combine(AppContext.BaseDirectory, "Classification", "Evaluation", name);
}
