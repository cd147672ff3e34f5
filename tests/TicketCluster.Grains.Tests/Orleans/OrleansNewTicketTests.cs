using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;
using TicketCluster.Storage.Providers;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>
/// An intake opening the ticket id it drew tells the grain storage that the ticket has never been written
/// (<see cref="NewGrainHint"/>), so the activation does not read; a merge into a stored ticket does not. A wrong
/// word is caught by the first write's version check, and the ticket reads its stored state and decides again.
/// </summary>
public sealed class OrleansNewTicketTests : IAsyncLifetime
{
    private readonly OpenCalls _opens = new();
    private OrleansCluster _cluster = null!;
    private int _next;

    public async Task InitializeAsync() =>
        _cluster = await OrleansCluster.StartAsync(configure: silo => silo.Services.AddSingleton<IIncomingGrainCallFilter>(_opens));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private OrleansIntakeGrains IntakeGrains() => new(_cluster.Grains, _cluster.IntakeKeys);

    private Task<IntakeResult> SubmitAsync(IntakeRequest request) =>
        new IntakeProcess(IntakeGrains(), TicketClassifier.Default, () => $"T{Interlocked.Increment(ref _next):D6}").SubmitAsync(request, null, CancellationToken.None);

    [Fact]
    public async Task Intake_NewTicketThenMergeIntoIt_OnlyTheOpenOfTheDrawnIdNamesItNew()
    {
        var created = await SubmitAsync(TestTickets.IntakeFrom(Channel.App, "app-1", "The kettle lid is cracked."));
        var merged = await SubmitAsync(TestTickets.IntakeFrom(Channel.Hotline, "call-1", "Calling about the cracked kettle lid."));

        Assert.Equal((IntakeKind.Created, IntakeKind.Merged), (created.Kind, merged.Kind));
        Assert.Equal([("T000001", true), ("T000001", false)], _opens.Calls);
    }

    [Fact]
    public async Task OpenNamedNew_TicketAlreadyStored_WriteRefusedStoredTicketReadAndKept()
    {
        var created = await SubmitAsync(TestTickets.IntakeFrom(Channel.App, "app-1", "The kettle lid is cracked."));
        var clocks = (await _cluster.RemindersAsync(created.Ticket!.TicketId)).Keys.Order().ToList();
        CopyStoredTicket(created.Ticket.TicketId, "T-stored");
        var stored = _cluster.StoredState<TicketGrainState>(GrainTypes.Ticket, "T-stored").Ticket!;

        var turn = await IntakeGrains().OpenOrMergeAsync(
            "T-stored", isNew: true, TestTickets.OpenCommand("T-stored", Severity.Normal), "msg-2", new IntakeKeys("customer:C1", null, "fp-2"), CancellationToken.None);

        Assert.NotNull(turn.Outcome.Rejection);
        var kept = _cluster.StoredState<TicketGrainState>(GrainTypes.Ticket, "T-stored").Ticket!;
        Assert.Equal((stored.Version, stored.Status, stored.Contacts.Length), (kept.Version, kept.Status, kept.Contacts.Length));
        var ticket = await _cluster.Ticket("T-stored").GetAsync();
        Assert.Equal(("T-stored", stored.Version, stored.Contacts.Length), (ticket?.TicketId, ticket?.Version, ticket?.Contacts.Length));

        // What the stored ticket owes is reconciled as an activation that read it would have: its clocks' reminders.
        Assert.NotEmpty(clocks);
        async Task<List<string>> RegisteredAsync() => [.. (await _cluster.RemindersAsync("T-stored")).Keys.Order()];
        await OrleansCluster.WaitUntilAsync(async () => (await RegisteredAsync()).SequenceEqual(clocks));
        Assert.Equal(clocks, await RegisteredAsync());
    }

    /// <summary>Stores a copy of <paramref name="from"/>'s state under <paramref name="to"/> (its id replaced), at version 1.</summary>
    private void CopyStoredTicket(string from, string to)
    {
        using var connection = new SqliteConnection(_cluster.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO grain_state (grain_type, grain_key, version, state, updated_at) VALUES ($type, $key, 1, $state, 0)";
        command.Parameters.AddWithValue("$type", GrainTypes.Ticket);
        command.Parameters.AddWithValue("$key", to);
        command.Parameters.AddWithValue("$state", System.Text.Encoding.UTF8.GetBytes(_cluster.StoredJson(GrainTypes.Ticket, from)!.Replace(from, to, StringComparison.Ordinal)));
        command.ExecuteNonQuery();
    }

    /// <summary>Each <see cref="ITicketGrain.OpenOrMergeAsync"/> a silo received: the ticket, and whether the call
    /// named it new.</summary>
    private sealed class OpenCalls : IIncomingGrainCallFilter
    {
        private readonly RecordedList<(string Ticket, bool New)> _calls = new();

        public IReadOnlyList<(string Ticket, bool New)> Calls => _calls.Items;

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod?.Name == nameof(ITicketGrain.OpenOrMergeAsync))
            {
                _calls.Add((context.TargetId.Key.ToString()!, NewGrainHint.Covers(context.TargetId)));
            }

            return context.Invoke();
        }
    }
}
