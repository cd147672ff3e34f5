using System.Collections.Immutable;
using TicketCluster.Domain.Classification;

namespace TicketCluster.Domain.Tickets;

/// <summary>
/// The category and severity a ticket opened with, and the classifier's reasons (the signal, the words as
/// configured, their language). Agents see it on the ticket; corrections carry it so they can be evaluated.
/// </summary>
public sealed record OpeningClassification(TicketCategory Category, Severity Severity, ImmutableArray<ClassificationReason> Reasons);
