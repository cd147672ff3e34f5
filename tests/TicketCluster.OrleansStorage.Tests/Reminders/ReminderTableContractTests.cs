using Orleans;
using Orleans.Runtime;
using TicketCluster.OrleansStorage.Tests.Support;

namespace TicketCluster.OrleansStorage.Tests.Reminders;

/// <summary>
/// What Orleans' reminder service relies on from an <see cref="IReminderTable"/>, run on every table the
/// product uses: the project's <c>SqliteReminderTable</c> and Orleans' stock ADO.NET table over PostgreSQL,
/// so both answer alike. Each test has a database of its own.
/// </summary>
public abstract class ReminderTableContractTests : IAsyncLifetime, IDisposable
{
    protected const string ServiceId = "ticketcluster";

    private static readonly DateTime StartAt = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    // Six grains spread over the ring: both sides of 2^31 and both ends of the unsigned range.
    private static readonly GrainId Low = RingGrains.InBand(0x0000_0000, 0x0FFF_FFFF);
    private static readonly GrainId MidLow = RingGrains.InBand(0x3000_0000, 0x3FFF_FFFF);
    private static readonly GrainId BelowHalf = RingGrains.InBand(0x7000_0000, 0x7FFF_FFFF);
    private static readonly GrainId AboveHalf = RingGrains.InBand(0x8000_0000, 0x8FFF_FFFF);
    private static readonly GrainId MidHigh = RingGrains.InBand(0xC000_0000, 0xCFFF_FFFF);
    private static readonly GrainId Top = RingGrains.InBand(0xF000_0000, 0xFFFF_FFFF);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private IReminderTable? _table;

    protected CancellationToken Ct => _timeout.Token;

    private IReminderTable Table => _table ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>A started table on the test's database whose rows are keyed by <paramref name="serviceId"/>;
    /// every call answers a table on the same database.</summary>
    protected abstract Task<IReminderTable> StartTableAsync(string serviceId);

    public virtual async Task InitializeAsync() => _table = await StartTableAsync(ServiceId);

    /// <summary>Deletes the test's database (and whatever the tables held open on it).</summary>
    protected abstract Task DeleteDatabaseAsync();

    public Task DisposeAsync() => DeleteDatabaseAsync();

    public void Dispose()
    {
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task UpsertRow_NewReminders_ReadBackByGrainAndByName()
    {
        var etag = await Table.UpsertRow(Entry(Low, "clock:first-response"), Ct);
        await Table.UpsertRow(Entry(Low, "clock:resolution", StartAt.AddHours(1)), Ct);
        await Table.UpsertRow(Entry(Top, "clock:first-response"), Ct);

        var row = await Table.ReadRow(Low, "clock:first-response", Ct);
        var rows = await Table.ReadRows(Low, Ct);

        Assert.NotNull(row);
        Assert.Equal((Low, "clock:first-response", StartAt, Period, etag), Shape(row));
        Assert.Equal(
            [(Low, "clock:first-response", StartAt), (Low, "clock:resolution", StartAt.AddHours(1))],
            rows.Reminders.Select(r => (r.GrainId, r.ReminderName, r.StartAt)).OrderBy(r => r.ReminderName, StringComparer.Ordinal));
        Assert.Null(await Table.ReadRow(Low, "clock:none", Ct));
    }

    [Fact]
    public async Task UpsertRow_ExistingReminder_NewETagAndNewSchedule()
    {
        var first = await Table.UpsertRow(Entry(Low, "clock:resolution"), Ct);

        var second = await Table.UpsertRow(Entry(Low, "clock:resolution", StartAt.AddMinutes(5), TimeSpan.FromMinutes(2)), Ct);

        Assert.NotEqual(first, second);
        Assert.Equal(
            (Low, "clock:resolution", StartAt.AddMinutes(5), TimeSpan.FromMinutes(2), second),
            Shape((await Table.ReadRow(Low, "clock:resolution", Ct))!));
        Assert.Single((await Table.ReadRows(Low, Ct)).Reminders);
    }

    [Fact]
    public async Task RemoveRow_StaleETag_RefusedAndRowKept()
    {
        var stale = await Table.UpsertRow(Entry(Low, "clock:resolution"), Ct);
        var current = await Table.UpsertRow(Entry(Low, "clock:resolution", StartAt.AddMinutes(1)), Ct);

        var removed = await Table.RemoveRow(Low, "clock:resolution", stale!, Ct);

        Assert.False(removed);
        Assert.Equal(current, (await Table.ReadRow(Low, "clock:resolution", Ct))?.ETag);
    }

    [Fact]
    public async Task RemoveRow_CurrentETag_RowGoneAndOthersKept()
    {
        var etag = await Table.UpsertRow(Entry(Low, "clock:resolution"), Ct);
        await Table.UpsertRow(Entry(Low, "clock:first-response"), Ct);

        var removed = await Table.RemoveRow(Low, "clock:resolution", etag!, Ct);
        var removedAgain = await Table.RemoveRow(Low, "clock:resolution", etag!, Ct);

        Assert.True(removed);
        Assert.False(removedAgain);
        Assert.Null(await Table.ReadRow(Low, "clock:resolution", Ct));
        Assert.Equal(["clock:first-response"], (await Table.ReadRows(Low, Ct)).Reminders.Select(r => r.ReminderName));
    }

    [Fact]
    public async Task ReadRows_RangeNotWrapping_BeginExcludedEndIncluded()
    {
        await UpsertRingAsync();

        var rows = await Table.ReadRows(Hash(Low), Hash(BelowHalf), Ct);

        Assert.Equal(Sorted(MidLow, BelowHalf), Grains(rows));
    }

    [Fact]
    public async Task ReadRows_RangeAcrossTwoToThe31_BothSidesOfTheMiddle()
    {
        await UpsertRingAsync();

        var rows = await Table.ReadRows(Hash(MidLow), Hash(AboveHalf), Ct);

        Assert.Equal(Sorted(BelowHalf, AboveHalf), Grains(rows));
    }

    [Fact]
    public async Task ReadRows_RangeWrappingAtTwoToThe32_TopAndBottomOfTheRing()
    {
        await UpsertRingAsync();

        var rows = await Table.ReadRows(Hash(MidHigh), Hash(Low), Ct);
        var wholeRing = await Table.ReadRows(Hash(BelowHalf), Hash(BelowHalf), Ct);

        Assert.Equal(Sorted(Low, Top), Grains(rows));
        Assert.Equal(Sorted(Low, MidLow, BelowHalf, AboveHalf, MidHigh, Top), Grains(wholeRing));
    }

    [Fact]
    public async Task ReadRows_AnotherServiceId_RowsInvisibleAndUntouched()
    {
        var etag = await Table.UpsertRow(Entry(Low, "clock:resolution"), Ct);
        var other = await StartTableAsync("another-service");

        var byGrain = await other.ReadRows(Low, Ct);
        var byName = await other.ReadRow(Low, "clock:resolution", Ct);
        var wholeRing = await other.ReadRows(0, 0, Ct);
        var removed = await other.RemoveRow(Low, "clock:resolution", etag!, Ct);
        await other.TestOnlyClearTable(Ct);

        Assert.Empty(byGrain.Reminders);
        Assert.Null(byName);
        Assert.Empty(wholeRing.Reminders);
        Assert.False(removed);
        Assert.Equal(etag, (await Table.ReadRow(Low, "clock:resolution", Ct))?.ETag);
    }

    private static ReminderEntry Entry(GrainId grain, string name, DateTime? startAt = null, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = startAt ?? StartAt,
        Period = period ?? Period,
    };

    private async Task UpsertRingAsync()
    {
        foreach (var grain in new[] { Low, MidLow, BelowHalf, AboveHalf, MidHigh, Top })
        {
            await Table.UpsertRow(Entry(grain, "clock:resolution"), Ct);
        }
    }

    private static uint Hash(GrainId grain) => grain.GetUniformHashCode();

    private static List<GrainId> Sorted(params GrainId[] grains) => [.. grains.OrderBy(Hash)];

    private static List<GrainId> Grains(ReminderTableData rows) => [.. rows.Reminders.Select(r => r.GrainId).OrderBy(Hash)];

    /// <summary>The row's fields, its start compared as UTC ticks (PostgreSQL answers it with another kind).</summary>
    private static (GrainId, string, DateTime, TimeSpan, string?) Shape(ReminderEntry row) =>
        (row.GrainId, row.ReminderName, DateTime.SpecifyKind(row.StartAt.ToUniversalTime(), DateTimeKind.Utc), row.Period, row.ETag);
}
