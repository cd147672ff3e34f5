using System.Text.Json;
using System.Text.Json.Serialization;
using TicketCluster.Domain.Classification;

namespace TicketCluster.Domain.Tests.Classification.Evaluation;

/// <summary>One labeled complaint of a JSONL evaluation file (shared/eval/README.md describes the fields).</summary>
public sealed record LabeledComplaint(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("lang")] string Lang,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("category")] TicketCategory Category,
    [property: JsonPropertyName("severity")] Severity Severity,
    [property: JsonPropertyName("safety")] bool Safety)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static IReadOnlyList<LabeledComplaint> ReadAll(string path) =>
        File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<LabeledComplaint>(line, Json)
                ?? throw new InvalidDataException($"{path}: empty line object"))
            .ToList();

    /// <summary>An intake with no explicit category or severity, as the eval posts it.</summary>
    public ClassificationInput AsIntake() => new(Text, null, null, CustomerTier.Regular, null, 0, false);
}
