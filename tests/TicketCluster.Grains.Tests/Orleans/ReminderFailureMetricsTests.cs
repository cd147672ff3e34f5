using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using TicketCluster.Grains.Diagnostics;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>
/// <c>ticketcluster.reminder.registration_failed</c>: a reminder table that refuses every write (a database
/// outage of the reminder service) fails the registrations after a committed open; each failed change is
/// counted once, under its reminder's name, and the caller still gets its committed answer.
/// </summary>
public sealed class ReminderFailureMetricsTests : IAsyncLifetime
{
    private OrleansCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await OrleansCluster.StartAsync(configure: silo => silo.Services.AddSingleton<IReminderTable, RefusingReminderTable>());

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task OpenOrMerge_ReminderTableRefuses_CountsEachFailedRegistrationAndAnswers()
    {
        var failed = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TicketClusterTelemetry.MeterName && instrument.Name == "ticketcluster.reminder.registration_failed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reminder" && value == 1)
                {
                    lock (failed)
                    {
                        failed.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();

        var ticket = await OrleansTicketClockTests.OpenAsync(_cluster.Ticket("RF1"), "RF1");

        lock (failed)
        {
            Assert.Equal(ticket.PendingTicks.Select(t => TicketReminders.NameOf(t.Clock)).Order(), failed.Order());
        }
    }

    /// <summary>Reads nothing and refuses every change.</summary>
    private sealed class RefusingReminderTable : IReminderTable
    {
        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<ReminderTableData> ReadRows(GrainId grainId) => Task.FromResult(new ReminderTableData());

        public Task<ReminderTableData> ReadRows(uint begin, uint end) => Task.FromResult(new ReminderTableData());

        public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => Task.FromResult<ReminderEntry?>(null);

        public Task<string?> UpsertRow(ReminderEntry entry) => throw new InvalidOperationException("The reminder table is down.");

        public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => throw new InvalidOperationException("The reminder table is down.");

        public Task TestOnlyClearTable() => Task.CompletedTask;
    }
}
