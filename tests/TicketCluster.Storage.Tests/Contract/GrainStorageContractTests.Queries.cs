using System.Text;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Tests.Contract;

/// <summary>The ticket list (filters, order, keyset pages, cursors) and the report read.</summary>
public abstract partial class GrainStorageContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 11, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadTicketRowAsync_ReportColumns_RoundTrip()
    {
        var row = QueueRow("t1", T0.AddHours(4), T0) with
        {
            AcknowledgedAt = T0.AddMinutes(25),
            SatisfactionScore = 4,
            ClocksMet = "first-response",
            ClocksBreached = "resolution,merchant-response",
        };
        await WriteRowsAsync(row);

        Assert.Equal(row, await Storage.ReadTicketRowAsync("t1", Ct));

        var updated = row with { SatisfactionScore = null, ClocksMet = "", AcknowledgedAt = null };
        Assert.True((await WriteOneAsync(Write(Ticket("t1"), 1, "s2", row: updated))).IsCommitted);
        Assert.Equal(updated, await Storage.ReadTicketRowAsync("t1", Ct));
    }

    [Fact]
    public async Task ReadTicketRowAsync_Outcome_RoundTripsAndClears()
    {
        var row = QueueRow("t1", null, T0) with { Status = "closed", Outcome = "declined-fraud" };
        await WriteRowsAsync(row);

        Assert.Equal("declined-fraud", (await Storage.ReadTicketRowAsync("t1", Ct))!.Outcome);
        Assert.Equal(["declined-fraud"], await Storage.ReadTicketRowsCreatedAsync(T0, T0.AddDays(1), Ct).Select(r => r.Outcome).ToListAsync(Ct));

        var reopened = row with { Status = "in-progress", Outcome = null };
        Assert.True((await WriteOneAsync(Write(Ticket("t1"), 1, "s2", row: reopened))).IsCommitted);
        Assert.Equal(reopened, await Storage.ReadTicketRowAsync("t1", Ct));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task WriteAsync_SatisfactionOutsideOneToFive_BatchThrowsNothingCommitted(int score)
    {
        var row = QueueRow("t1", null, T0) with { SatisfactionScore = score };

        await Assert.ThrowsAnyAsync<Exception>(() => Storage.WriteAsync([Write(Ticket("t1"), 0, "s1", row: row)], Ct));

        Assert.Null(await Storage.ReadStateAsync(Ticket("t1"), Ct));
        Assert.Null(await Storage.ReadTicketRowAsync("t1", Ct));
    }

    [Fact]
    public async Task QueryTicketsAsync_DeadlineSort_MostUrgentFirstUndatedLastTiesByTicketId()
    {
        await WriteRowsAsync(
            QueueRow("d", null, T0),
            QueueRow("c", T0.AddHours(2), T0),
            QueueRow("b", T0.AddHours(1), T0),
            QueueRow("a", T0.AddHours(2), T0),
            QueueRow("A", null, T0));

        var page = await Storage.QueryTicketsAsync(new TicketQuery(), Ct);

        Assert.Equal(["b", "a", "c", "A", "d"], page.Rows.Select(r => r.TicketId));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task QueryTicketsAsync_CreatedSort_NewestFirstTiesByTicketIdDescending()
    {
        await WriteRowsAsync(
            QueueRow("a", null, T0),
            QueueRow("b", T0.AddHours(1), T0.AddMinutes(5)),
            QueueRow("c", null, T0.AddMinutes(5)),
            QueueRow("d", T0.AddHours(9), T0.AddMinutes(1)));

        var page = await Storage.QueryTicketsAsync(new TicketQuery { Sort = TicketSort.Created }, Ct);

        Assert.Equal(["c", "b", "d", "a"], page.Rows.Select(r => r.TicketId));
    }

    [Fact]
    public async Task QueryTicketsAsync_Filters_AndedExactMatches()
    {
        await WriteRowsAsync(
            QueueRow("t1", T0.AddHours(1), T0) with { Status = "open", Severity = "urgent", MerchantId = "m-1", CustomerId = "c-1", EscalationLevel = 0 },
            QueueRow("t2", T0.AddHours(2), T0) with { Status = "open", Severity = "normal", MerchantId = "m-2", CustomerId = "c-1", EscalationLevel = 1 },
            QueueRow("t3", T0.AddHours(3), T0) with { Status = "in-progress", Category = "logistics", Channel = "hotline", MerchantId = "m-1", CustomerId = "c-2", Assignee = "agent-9", EscalationLevel = 2 },
            QueueRow("t4", null, T0) with { Status = "closed", MerchantId = "m-1", CustomerId = "c-2", Assignee = null, EscalationLevel = 0, Outcome = "spam" });

        async Task<string[]> Ids(TicketQuery query) => [.. (await Storage.QueryTicketsAsync(query, Ct)).Rows.Select(r => r.TicketId)];

        Assert.Equal(["t1", "t2"], await Ids(new TicketQuery { Status = "open" }));
        Assert.Equal(["t1"], await Ids(new TicketQuery { Status = "open", Severity = "urgent" }));
        Assert.Equal(["t3"], await Ids(new TicketQuery { Category = "logistics" }));
        Assert.Equal(["t3"], await Ids(new TicketQuery { Channel = "hotline" }));
        Assert.Equal(["t1", "t3", "t4"], await Ids(new TicketQuery { MerchantId = "m-1" }));
        Assert.Equal(["t3", "t4"], await Ids(new TicketQuery { CustomerId = "c-2" }));
        Assert.Equal(["t4"], await Ids(new TicketQuery { CustomerId = "c-2", MerchantId = "m-1", Status = "closed" }));
        Assert.Equal(["t3"], await Ids(new TicketQuery { Assignee = "agent-9" }));
        Assert.Equal(["t4"], await Ids(new TicketQuery { Outcome = "spam" }));
        Assert.Empty(await Ids(new TicketQuery { Outcome = "resolved" }));
        Assert.Equal(["t2", "t3"], await Ids(new TicketQuery { Escalated = true }));
        Assert.Equal(["t1", "t4"], await Ids(new TicketQuery { Escalated = false }));
        Assert.Equal(["t1", "t2"], await Ids(new TicketQuery { DueBefore = T0.AddHours(3) }));
        Assert.Equal(["t3"], await Ids(new TicketQuery { MerchantId = "m-1", Escalated = true, DueBefore = T0.AddHours(4) }));
        Assert.Empty(await Ids(new TicketQuery { MerchantId = "m-2", CustomerId = "c-2" }));
        Assert.Empty(await Ids(new TicketQuery { Status = "open' OR '1'='1" }));
    }

    [Theory]
    [InlineData(TicketSort.Deadline, 1)]
    [InlineData(TicketSort.Deadline, 4)]
    [InlineData(TicketSort.Created, 3)]
    [InlineData(TicketSort.Created, 7)]
    public async Task QueryTicketsAsync_WalkAllPages_EveryRowOnceInOrder(TicketSort sort, int limit)
    {
        // Ties on the deadline and on the creation time, and undated rows, so that pages break inside
        // each group.
        var rows = Enumerable.Range(0, 23)
            .Select(i => QueueRow($"t{i:D2}", i % 5 == 0 ? null : T0.AddHours(i % 3), T0.AddMinutes(i % 4)))
            .ToArray();
        await WriteRowsAsync(rows);
        var expected = sort == TicketSort.Deadline
            ? rows.OrderBy(r => r.NextDeadline is null).ThenBy(r => r.NextDeadline).ThenBy(r => r.TicketId, StringComparer.Ordinal)
            : rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.TicketId, StringComparer.Ordinal);

        var walked = await WalkAsync(new TicketQuery { Sort = sort, Limit = limit });

        Assert.Equal(expected.Select(r => r.TicketId), walked.SelectMany(p => p).Select(r => r.TicketId));
        Assert.All(walked.SkipLast(1), page => Assert.Equal(limit, page.Count));
        Assert.InRange(walked[^1].Count, 1, limit);
    }

    [Fact]
    public async Task QueryTicketsAsync_FilteredWalk_PagesOfTheFilterOnly()
    {
        await WriteRowsAsync([.. Enumerable.Range(0, 12).Select(i =>
            QueueRow($"t{i:D2}", i % 4 == 0 ? null : T0.AddHours(i), T0) with { MerchantId = i % 2 == 0 ? "m-even" : "m-odd" })]);

        var walked = await WalkAsync(new TicketQuery { MerchantId = "m-even", Limit = 2 });

        Assert.Equal(["t02", "t06", "t10", "t00", "t04", "t08"], walked.SelectMany(p => p).Select(r => r.TicketId));
    }

    [Fact]
    public async Task QueryTicketsAsync_RowsChangeDuringWalk_UnchangedRowsExactlyOnce()
    {
        var rows = Enumerable.Range(0, 10).Select(i => QueueRow($"t{i}", T0.AddHours(i + 1), T0)).ToArray();
        await WriteRowsAsync(rows);
        var first = await Storage.QueryTicketsAsync(new TicketQuery { Limit = 4 }, Ct);
        Assert.Equal(["t0", "t1", "t2", "t3"], first.Rows.Select(r => r.TicketId));

        // Between pages: a new ticket sorts before the cursor, another after it; an already listed one
        // moves behind the cursor; a not yet listed one moves in front of it.
        await WriteRowsAsync(QueueRow("new-early", T0, T0), QueueRow("new-late", T0.AddHours(30), T0));
        await WriteOneAsync(Write(Ticket("t1"), 1, "s2", row: rows[1] with { NextDeadline = T0.AddHours(20) }));
        await WriteOneAsync(Write(Ticket("t8"), 1, "s2", row: rows[8] with { NextDeadline = T0.AddMinutes(30) }));

        var rest = await WalkAsync(new TicketQuery { Limit = 4, Cursor = first.NextCursor });
        var seen = first.Rows.Concat(rest.SelectMany(p => p)).Select(r => r.TicketId).ToList();

        Assert.All(["t0", "t2", "t3", "t4", "t5", "t6", "t7", "t9", "new-late"], id => Assert.Single(seen, id));
        Assert.DoesNotContain("new-early", seen);
        Assert.DoesNotContain("t8", seen);
        Assert.Equal(2, seen.Count(id => id == "t1")); // it changed: listed before the move and after
    }

    [Fact]
    public async Task QueryTicketsAsync_TamperedOrForeignCursor_InvalidCursorException()
    {
        await WriteRowsAsync([.. Enumerable.Range(0, 3).Select(i => QueueRow($"t{i}", T0.AddHours(i), T0.AddMinutes(i)))]);
        var byCreated = (await Storage.QueryTicketsAsync(new TicketQuery { Sort = TicketSort.Created, Limit = 1 }, Ct)).NextCursor;
        Assert.NotNull(byCreated);
        string[] invalid =
        [
            "",
            "not a cursor!",
            "not-a-cursor", // base64url of bytes that are not UTF-8
            "AAAA",
            Base64Url("1|d|12|"),
            Base64Url("2|d|12|t1"),
            Base64Url("1|x|12|t1"),
            Base64Url("1|d|-5|t1"),
            Base64Url("1|d|99999999999999999999|t1"),
            Base64Url("1|d|t1"),
            byCreated,
            byCreated[..^1],
        ];

        foreach (var cursor in invalid)
        {
            await Assert.ThrowsAsync<InvalidCursorException>(() => Storage.QueryTicketsAsync(new TicketQuery { Cursor = cursor }, Ct));
        }

        await Assert.ThrowsAsync<InvalidCursorException>(() => Storage.QueryTicketsAsync(new TicketQuery { Sort = TicketSort.Created, Cursor = Base64Url("1|c||t1") }, Ct));
    }

    [Fact]
    public async Task QueryTicketsAsync_HandMadeCursorOfAnotherPosition_ContinuesFromIt()
    {
        await WriteRowsAsync(QueueRow("a", T0.AddHours(1), T0), QueueRow("b", T0.AddHours(2), T0), QueueRow("c", null, T0));

        var page = await Storage.QueryTicketsAsync(new TicketQuery { Cursor = Base64Url($"1|d|{T0.AddHours(1).UtcTicks}|a") }, Ct);

        Assert.Equal(["b", "c"], page.Rows.Select(r => r.TicketId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(TicketQuery.MaxLimit + 1)]
    public async Task QueryTicketsAsync_LimitOutOfRange_ArgumentOutOfRange(int limit)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Storage.QueryTicketsAsync(new TicketQuery { Limit = limit }, Ct));
    }

    [Fact]
    public async Task QueryTicketsAsync_MaxLimit_OnePageOfMaxRows()
    {
        await WriteRowsAsync([.. Enumerable.Range(0, TicketQuery.MaxLimit + 1).Select(i => QueueRow($"t{i:D3}", T0.AddSeconds(i), T0))]);

        var page = await Storage.QueryTicketsAsync(new TicketQuery { Limit = TicketQuery.MaxLimit }, Ct);
        var last = await Storage.QueryTicketsAsync(new TicketQuery { Limit = TicketQuery.MaxLimit, Cursor = page.NextCursor }, Ct);

        Assert.Equal(TicketQuery.MaxLimit, page.Rows.Count);
        Assert.Equal("t200", Assert.Single(last.Rows).TicketId);
        Assert.Null(last.NextCursor);
    }

    [Fact]
    public async Task ReadTicketRowsCreatedAsync_Range_HalfOpenInCreatedThenIdOrder()
    {
        await WriteRowsAsync(
            QueueRow("before", null, T0.AddTicks(-10)),
            QueueRow("b", null, T0),
            QueueRow("a", null, T0),
            QueueRow("mid", null, T0.AddDays(3)),
            QueueRow("last", null, T0.AddDays(7).AddSeconds(-1)),
            QueueRow("end", null, T0.AddDays(7)));

        var rows = new List<TicketQueryRow>();
        await foreach (var row in Storage.ReadTicketRowsCreatedAsync(T0, T0.AddDays(7), Ct))
        {
            rows.Add(row);
        }

        Assert.Equal(["a", "b", "mid", "last"], rows.Select(r => r.TicketId));
        Assert.Equal(QueueRow("mid", null, T0.AddDays(3)), rows[2]);
    }

    protected static TicketQueryRow QueueRow(string ticketId, DateTimeOffset? deadline, DateTimeOffset createdAt) =>
        new(ticketId, "in-progress", "serious", "product-quality", "web-form", "c-1", "m-1", "o-1", "customer-service", "agent-7", 0,
            deadline, createdAt, createdAt, null);

    private async Task WriteRowsAsync(params TicketQueryRow[] rows)
    {
        var results = await Storage.WriteAsync([.. rows.Select(r => Write(Ticket(r.TicketId), 0, "s1", row: r))], Ct);
        Assert.All(results, r => Assert.True(r.IsCommitted));
    }

    private async Task<List<IReadOnlyList<TicketQueryRow>>> WalkAsync(TicketQuery query)
    {
        var pages = new List<IReadOnlyList<TicketQueryRow>>();
        var cursor = query.Cursor;
        do
        {
            var page = await Storage.QueryTicketsAsync(query with { Cursor = cursor }, Ct);
            pages.Add(page.Rows);
            cursor = page.NextCursor;
            Assert.True(pages.Count <= 1000, "The walk does not end.");
        }
        while (cursor is not null);

        return pages;
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
