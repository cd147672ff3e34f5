using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Reports;

/// <summary>
/// The corrections of the automatic classification on the tickets created in [<see cref="From"/>,
/// <see cref="To"/>): every <c>change-severity</c> and <c>change-category</c>, with the classification the
/// ticket opened with, so the classifier can be evaluated against what agents decided.
/// </summary>
/// <param name="Tickets">Tickets created in the range.</param>
/// <param name="CorrectedTickets">Tickets with at least one correction.</param>
public sealed record ClassificationCorrectionReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int Tickets,
    int CorrectedTickets,
    ImmutableArray<ClassificationCorrection> Corrections)
{
    /// <summary>Reads the report: the ticket rows created in the range, then each ticket's audit trail.</summary>
    public static async Task<ClassificationCorrectionReport> ReadAsync(ITicketQueries queries, IGrainFactory grains, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var corrected = 0;
        var corrections = ImmutableArray.CreateBuilder<ClassificationCorrection>();
        var tickets = await TicketsCreated.VisitAsync(queries, from, to, async row =>
        {
            var events = await grains.GetGrain<ITicketGrain>(row.TicketId).GetEventsAsync();
            var before = corrections.Count;
            corrections.AddRange(events.Select(ClassificationCorrection.Of).OfType<ClassificationCorrection>());
            corrected += corrections.Count > before ? 1 : 0;
        }, cancellationToken);

        return new ClassificationCorrectionReport(from, to, tickets, corrected, corrections.ToImmutable());
    }
}

/// <summary>One correction: which field, from what to what, who and why, and the opening classification.</summary>
/// <param name="Field"><c>severity</c> or <c>category</c>.</param>
/// <param name="From">The value before the correction (kebab-case).</param>
/// <param name="To">The corrected value (kebab-case).</param>
/// <param name="Classified">The category, severity and reasons the ticket opened with; null for tickets
/// opened before reasons were recorded.</param>
public sealed record ClassificationCorrection(
    string TicketId,
    long Sequence,
    DateTimeOffset At,
    string CorrectedBy,
    string Field,
    string From,
    string To,
    string Reason,
    OpeningClassification? Classified)
{
    public static ClassificationCorrection? Of(TicketEvent e) => e switch
    {
        SeverityChanged s => new(s.TicketId, s.Sequence, s.At, s.Actor.Id, "severity", Kebab(s.From), Kebab(s.To), s.Reason, s.Classified),
        CategoryChanged c => new(c.TicketId, c.Sequence, c.At, c.Actor.Id, "category", Kebab(c.From), Kebab(c.To), c.Reason, c.Classified),
        _ => null,
    };

    private static string Kebab<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
