using System.Globalization;
using TicketCluster.Domain.Classification;

namespace TicketCluster.Domain.Tests.Classification.Evaluation;

/// <summary>The scores of a classifier on labeled complaints of one language (or all).</summary>
public sealed record Scorecard(
    string Language,
    int Count,
    double CategoryAccuracy,
    double SeverityAccuracy,
    int SafetyCount,
    double SafetyRecall,
    int NormalCount,
    double SafetyFalseAlarms,
    IReadOnlyList<string> Misses)
{
    public static Scorecard Score(string language, IReadOnlyList<LabeledComplaint> complaints, TicketClassifier classifier)
    {
        int category = 0, severity = 0, safety = 0, safetyUrgent = 0, normal = 0, normalUrgent = 0;
        var misses = new List<string>();
        foreach (var complaint in complaints)
        {
            var result = classifier.Classify(complaint.AsIntake());
            category += result.Category == complaint.Category ? 1 : 0;
            severity += result.Severity == complaint.Severity ? 1 : 0;
            if (complaint.Safety)
            {
                safety++;
                safetyUrgent += result.Severity == Severity.Urgent ? 1 : 0;
            }

            if (complaint.Severity == Severity.Normal)
            {
                normal++;
                normalUrgent += result.Severity == Severity.Urgent ? 1 : 0;
            }

            if (result.Category != complaint.Category || result.Severity != complaint.Severity)
            {
                var reasons = string.Join(", ", result.Reasons.Select(r => $"{r.Rule}:{r.Detail}"));
                misses.Add($"{complaint.Id}: {result.Category}/{result.Severity} (labeled {complaint.Category}/{complaint.Severity}) by {reasons}");
            }
        }

        static double Rate(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
        return new Scorecard(language, complaints.Count, Rate(category, complaints.Count), Rate(severity, complaints.Count),
            safety, Rate(safetyUrgent, safety), normal, normal == 0 ? 0 : (double)normalUrgent / normal, misses);
    }

    /// <summary>Per language (in the order given) and overall.</summary>
    public static IReadOnlyList<Scorecard> PerLanguage(IReadOnlyList<LabeledComplaint> complaints, TicketClassifier classifier, params string[] languages) =>
        [.. languages.Select(l => Score(l, complaints.Where(c => c.Lang == l).ToList(), classifier)), Score("all", complaints, classifier)];

    public const string Header = "| language | n | category | severity | safety recall | safety false alarms |";

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Language} | {Count} | {CategoryAccuracy:P1} | {SeverityAccuracy:P1} | {SafetyRecall:P1} (of {SafetyCount}) | {SafetyFalseAlarms:P1} (of {NormalCount}) |");
}
