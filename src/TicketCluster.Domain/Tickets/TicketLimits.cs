using System.Collections.Immutable;

namespace TicketCluster.Domain.Tickets;

/// <summary>
/// How much one ticket may hold. Each command's fields are bounded at the API; these caps bound what
/// many commands add up to, so one ticket cannot grow without end and make every later read of it large.
/// A command that would take the ticket past a cap is refused with <see cref="TicketFull"/> and changes
/// nothing. Only what a command adds counts: a command that adds nothing counted (a deadline tick, a
/// status change without text) is never refused for it.
/// </summary>
public sealed record TicketLimits
{
    /// <summary>Evidence items on the ticket, from intake and every later command. Default 200.</summary>
    public int MaxEvidence { get; init; } = 200;

    /// <summary>Channel contacts: the intake plus merged intakes. Default 50.</summary>
    public int MaxContacts { get; init; } = 50;

    /// <summary>Recorded texts (messages, notes, statements, reasons) over the ticket's life. Default 300.</summary>
    public int MaxNotes { get; init; } = 300;

    /// <summary>The estimated stored size, in characters of text, evidence and contacts (see
    /// <see cref="TicketContent"/>). Default 500,000.</summary>
    public long MaxContentLength { get; init; } = 500_000;

    public static TicketLimits Default { get; } = new();

    /// <summary>The configuration errors, empty when the limits are usable; each names
    /// <paramref name="prefix"/><c>:</c>the setting.</summary>
    public ImmutableArray<string> Validate(string prefix)
    {
        var errors = ImmutableArray.CreateBuilder<string>();
        if (MaxEvidence is < 1 or > 10_000)
        {
            errors.Add($"{prefix}:{nameof(MaxEvidence)} must lie between 1 and 10000.");
        }

        if (MaxContacts is < 1 or > 10_000)
        {
            errors.Add($"{prefix}:{nameof(MaxContacts)} must lie between 1 and 10000.");
        }

        if (MaxNotes is < 1 or > 100_000)
        {
            errors.Add($"{prefix}:{nameof(MaxNotes)} must lie between 1 and 100000.");
        }

        if (MaxContentLength is < 10_000 or > 100_000_000)
        {
            errors.Add($"{prefix}:{nameof(MaxContentLength)} must lie between 10000 and 100000000.");
        }

        return errors.ToImmutable();
    }

    /// <summary>The cap a decision broke, comparing the ticket before and after it; null when within the
    /// caps. Only what the decision made grow counts, so a ticket configured down below what it already
    /// holds still takes commands that add nothing.</summary>
    internal TicketFull? Exceeded(TicketState? before, TicketState after)
    {
        var was = before?.Content ?? default;
        return Over(before?.Evidence.Length ?? 0, after.Evidence.Length, MaxEvidence, "evidence")
            ?? Over(before?.Contacts.Length ?? 0, after.Contacts.Length, MaxContacts, "contacts")
            ?? Over(was.Notes, after.Content.Notes, MaxNotes, "notes")
            ?? Over(was.Length, after.Content.Length, MaxContentLength, "content-length");
    }

    private static TicketFull? Over(long before, long after, long cap, string limit) =>
        after > before && after > cap ? new TicketFull(limit, cap) : null;
}
