namespace TicketCluster.Storage.Migration;

/// <summary>
/// What is left of the home-made runtime in a database, as the upgrade to Orleans reads it
/// (docs/orleans.md, section 13.1): its reminder table (renamed by <c>migrate</c>), the reminders still to
/// import, and its outbox, which must be empty before the old nodes stop.
/// </summary>
/// <param name="RemindersPresent">The runtime's <c>reminders</c> table exists: <c>migrate</c> has not run.</param>
/// <param name="LegacyReminders">Rows of <c>legacy_reminders</c> still to import; null when the table is absent.</param>
/// <param name="Outbox">Rows of the runtime's <c>outbox</c>; null when the table is absent.</param>
public readonly record struct RuntimeTables(bool RemindersPresent, long? LegacyReminders, long? Outbox)
{
    public const string Reminders = "reminders";

    public const string LegacyRemindersTable = "legacy_reminders";

    public const string OutboxTable = "outbox";

    /// <summary>The migration is complete: <c>reminders</c> was renamed, every legacy reminder imported,
    /// the outbox empty. Only then may the old runtime's tables go.</summary>
    public bool Migrated => !RemindersPresent && (LegacyReminders ?? 0) == 0 && (Outbox ?? 0) == 0;

    /// <summary>Why the old runtime's tables must stay, in words for a log line; null when <see cref="Migrated"/>.</summary>
    public string? Waiting() =>
        Migrated
            ? null
            : RemindersPresent ? "\"migrate\" has not run (the table reminders exists)"
            : (Outbox ?? 0) > 0 ? $"the outbox holds {Outbox} rows"
            : $"{LegacyReminders} legacy reminders are still to import";
}

/// <summary>What <c>migrate</c> did.</summary>
public enum MigrateOutcome
{
    /// <summary><c>reminders</c> became <c>legacy_reminders</c>.</summary>
    Renamed,

    /// <summary><c>reminders</c> was renamed before (or never existed): nothing to do.</summary>
    AlreadyMigrated,

    /// <summary>The outbox still holds rows: nothing changed.</summary>
    OutboxNotEmpty,
}

/// <summary>The answer of <c>migrate</c>: its outcome and the state of the old runtime's tables after it.</summary>
public sealed record MigrateResult(MigrateOutcome Outcome, RuntimeTables Tables);
