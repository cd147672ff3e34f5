namespace TicketCluster.Storage.Migration;

/// <summary>
/// The old runtime's reminders that <c>migrate</c> set aside in <c>legacy_reminders</c>, read a page at a
/// time by due time for the import into Orleans' reminders (docs/orleans.md, section 13.1).
/// </summary>
public interface ILegacyReminderSource
{
    /// <summary>The next page of at most <paramref name="size"/> rows, earliest due first, or null when
    /// the table is absent or empty. On PostgreSQL the page's rows stay locked by its transaction until
    /// it is completed or disposed, and other nodes take other rows.</summary>
    Task<LegacyReminderPage?> TakePageAsync(int size, CancellationToken cancellationToken);

    /// <summary>Rows left to import (0 when the table is absent).</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One page of legacy reminders. <see cref="CompleteAsync"/> deletes its rows; disposing it without
/// completing leaves them (a page cut short is taken again).
/// </summary>
public abstract class LegacyReminderPage : IAsyncDisposable
{
    protected LegacyReminderPage(IReadOnlyList<LegacyReminderRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Rows = rows;
    }

    public IReadOnlyList<LegacyReminderRow> Rows { get; }

    /// <summary>The distinct grain keys of the page's rows of <paramref name="grainType"/>, in due order.</summary>
    public IReadOnlyList<string> KeysOf(string grainType) =>
        [.. Rows.Where(r => r.GrainType == grainType).Select(r => r.GrainKey).Distinct(StringComparer.Ordinal)];

    /// <summary>Deletes the page's rows.</summary>
    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Ends the page without deleting what <see cref="CompleteAsync"/> did not.</summary>
    protected abstract ValueTask DisposeCoreAsync();
}

/// <summary>A row of <c>legacy_reminders</c>: its key (the old runtime's grain type and key, and the reminder's name).</summary>
public sealed record LegacyReminderRow(string GrainType, string GrainKey, string Name);
