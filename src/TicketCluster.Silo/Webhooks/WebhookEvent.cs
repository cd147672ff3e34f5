using System.Text.Json.Nodes;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;

namespace TicketCluster.Silo.Webhooks;

/// <summary>
/// The body of a webhook request: the event as the API's audit trail shows it (<see cref="EventView"/>)
/// with the ticket and event ids, so a receiver needs no further call to know what happened to which
/// ticket. <see cref="EventId"/> (<c>{ticketId}:{sequence}</c>) is what a receiver deduplicates on.
/// </summary>
public sealed record WebhookEvent(
    string Subscription,
    string TicketId,
    string EventId,
    long Sequence,
    string Type,
    string Actor,
    ActorRole Role,
    DateTimeOffset At,
    JsonObject? Data)
{
    // Subscriptions are integrations the operator configured, trusted as an administrator is: they get
    // every event's full data, as GET /api/v1/tickets/{id}/events gives an administrator.
    private static readonly Caller Integration = new(ApiRole.Admin, "webhook", null, null);

    public static WebhookEvent For(string subscription, TicketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var view = EventView.For(e, Integration);
        return new WebhookEvent(subscription, e.TicketId, e.EventId, view.Sequence, view.Type, view.Actor, view.Role, view.At, view.Data);
    }
}
