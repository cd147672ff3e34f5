using System.Collections.Frozen;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Domain.Messages;

/// <summary>
/// How tickets speak to their customers: the templates, the language when the customer's is not known, the
/// channels a message can go back through (a ticket from any other channel queues none), and how often a
/// failing send is tried. <see cref="None"/> (no channel) is the default: no message is queued.
/// </summary>
public sealed record CustomerMessaging
{
    public static CustomerMessaging None { get; } = new();

    public MessageTemplates Templates { get; init; } = MessageTemplates.Default;

    /// <summary>zh-CN, zh-TW or en (default en).</summary>
    public string DefaultLanguage { get; init; } = "en";

    public FrozenSet<Channel> Channels { get; init; } = FrozenSet<Channel>.Empty;

    /// <summary>Attempts before a message is given up (status failed); default 10.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The wait after the first failed attempt; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1, after <paramref name="attempts"/> failures.</summary>
    public TimeSpan DelayAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, RetryDelay.Ticks * (long)Math.Pow(2, Math.Clamp(attempts - 1, 0, 30))));

    /// <summary>The message <paramref name="e"/> sends the customer of <paramref name="after"/> (the ticket once
    /// the event applied), queued at the event's time; null when the event is not customer-facing or the
    /// ticket's channel has no way back.</summary>
    public OutboundMessage? MessageFor(TicketState after, TicketEvent e)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(e);
        if (!Channels.Contains(after.Channel) || CustomerMessages.Draft(after, e, DefaultLanguage) is not { } draft)
        {
            return null;
        }

        var rendered = Templates.Render(draft);
        var kind = System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(draft.Kind.ToString());
        var recipient = after.Channel == Channel.Email ? after.Customer.Email : after.ExternalId;
        return new OutboundMessage($"{after.TicketId}:{e.Sequence}:{kind}", after.TicketId, draft.Kind, draft.Language, after.Channel, recipient, rendered.Subject, rendered.Body, e.At);
    }
}
