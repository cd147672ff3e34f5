using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using TicketCluster.Domain.Privacy;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Auth;

namespace TicketCluster.Silo.Api.Contracts;

/// <summary>One entry of a ticket's audit trail: what happened, who did it in which role, when, and the
/// event's own data.</summary>
public sealed record EventView(long Sequence, string Type, string Actor, ActorRole Role, DateTimeOffset At, JsonObject? Data)
{
    // The envelope fields every event carries; the rest of its JSON is its data.
    private static readonly FrozenSet<string> Envelope = new[] { "type", "ticketId", "sequence", "at", "actor" }.ToFrozenSet(StringComparer.Ordinal);

    // Events whose data a merchant may read: the ones about its side of the case. The rest carry the
    // customer's personal data or internal routing and are listed without data.
    private static readonly FrozenSet<Type> MerchantData = new[]
    {
        typeof(MerchantResponseRequested), typeof(MerchantResponded), typeof(ResponsibilityDetermined),
        typeof(ResolutionProposed), typeof(ReturnShipped), typeof(ReturnReceived), typeof(ReplacementShipped),
        typeof(RepairCompleted), typeof(RefundIssued), typeof(MerchantStrikeRecorded), typeof(EvidenceAdded),
        typeof(LogisticsExceptionRecorded), typeof(LogisticsExceptionCleared),
    }.ToFrozenSet();

    // Events a customer sees listed without data: who pays whom behind the refund (chargebacks, advance
    // payment, shipping costs) is settled between the platform and the merchant, as on the ticket view,
    // which shows the customer no money lines.
    private static readonly FrozenSet<Type> CustomerWithoutData = new[] { typeof(MoneyLineRecorded) }.ToFrozenSet();

    // Free text a merchant reads in an event's data has the personal data in it redacted, as on the
    // merchant's ticket view (FreeTextRedactor); ids, tracking numbers and enumerations are not free text.
    private static readonly FrozenSet<string> FreeText = new[]
    {
        "note", "reason", "statement", "description", "message", "findings", "result", "comment", "question",
        "answer", "packaging", "contact", "correctiveAction",
    }.ToFrozenSet(StringComparer.Ordinal);

    // The classifier's reasons (on the opening event and beside corrections) are internal triage, shown to
    // staff only, as on the ticket view.
    private static readonly string[] StaffOnlyData = ["classificationReasons", "classified"];

    // Events written for staff only: left out of the trail a customer, a channel or a merchant reads.
    private static readonly FrozenSet<Type> StaffOnlyEvents = new[] { typeof(InternalNoteAdded) }.ToFrozenSet();

    /// <summary>Whether <paramref name="caller"/> sees <paramref name="e"/> in the audit trail at all: an
    /// internal note is for staff only.</summary>
    public static bool IsVisibleTo(TicketEvent e, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsStaff || !StaffOnlyEvents.Contains(e.GetType());
    }

    public static EventView For(TicketEvent e, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(caller);
        var json = JsonSerializer.SerializeToNode(e, ApiJson.Options)!.AsObject();
        var type = json["type"]?.GetValue<string>() ?? e.GetType().Name;
        JsonObject? data = null;
        if (caller.Role switch
            {
                ApiRole.Merchant => MerchantData.Contains(e.GetType()),
                ApiRole.Customer => !CustomerWithoutData.Contains(e.GetType()),
                _ => true,
            })
        {
            data = [];
            foreach (var (name, value) in json.Where(p => !Envelope.Contains(p.Key) && (caller.IsStaff || !StaffOnlyData.Contains(p.Key))).ToList())
            {
                json.Remove(name);
                data[name] = value;
            }
        }

        if (caller.Role == ApiRole.Merchant && data is not null)
        {
            RedactFreeText(data);
        }

        var actor = caller.Role == ApiRole.Merchant && e.Actor.Role == ActorRole.Customer ? "customer" : e.Actor.Id;
        return new EventView(e.Sequence, type, actor, e.Actor.Role, e.At, data);
    }

    /// <summary>Redacts every free-text string of <paramref name="node"/>, at any depth (a plan's note, an
    /// evidence item's note).</summary>
    private static void RedactFreeText(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (FreeText.Contains(name) && value is JsonValue text && text.TryGetValue<string>(out var s))
                    {
                        obj[name] = FreeTextRedactor.Redact(s);
                    }
                    else
                    {
                        RedactFreeText(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RedactFreeText(item);
                }

                break;
        }
    }
}
