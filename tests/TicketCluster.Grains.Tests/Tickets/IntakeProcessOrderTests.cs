using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Customers;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Tickets;

/// <summary>
/// The order of an intake's calls (pure logic over scripted calls; the grains' own tests run them on Orleans):
/// the customer's history is read while the intake keys are looked up, and a replay goes on even when that
/// read, no longer wanted, fails.
/// </summary>
public sealed class IntakeProcessOrderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Submit_KeyLookupWaitsForTheHistoryRead_BothInFlightAtOnce()
    {
        var calls = new ScriptedCalls { KeyLookupWaitsForHistory = true };

        var submitted = new IntakeProcess(calls, TicketClassifier.Default, () => "T1")
            .SubmitAsync(TestTickets.IntakeFrom(Channel.App, null, "The kettle lid is cracked."), "key-1", CancellationToken.None);

        // Sequential calls would never ask for the history: the lookup waits for it.
        await Assert.ThrowsAsync<RoutedException>(() => submitted.WaitAsync(Patience));
        Assert.Equal(3, calls.Started.Count);
        Assert.Equal(["history", "key"], calls.Started.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal("route", calls.Started[2]);
    }

    [Fact]
    public async Task Submit_ReplayFoundWhileTheHistoryReadFails_GoesOnToTheReplay()
    {
        var calls = new ScriptedCalls { KeyOwner = "T0", HistoryFails = true };

        var submitted = new IntakeProcess(calls, TicketClassifier.Default, () => "T1")
            .SubmitAsync(TestTickets.IntakeFrom(Channel.App, null, "The kettle lid is cracked."), "key-1", CancellationToken.None);

        // The history's failure is not the intake's: the replay of T0 is read, and nothing is routed.
        await Assert.ThrowsAsync<ReplayReadException>(() => submitted.WaitAsync(Patience));
        Assert.Contains("history", calls.Started);
        Assert.Equal("replay T0", calls.Started[^1]);
        Assert.DoesNotContain("route", calls.Started);
    }

    private sealed class RoutedException : Exception;

    private sealed class ReplayReadException : Exception;

    /// <summary>Records the calls made; routing ends the intake (what follows is the grains' tests' to check).</summary>
    private sealed class ScriptedCalls : IIntakeGrains
    {
        private readonly TaskCompletionSource _historyAsked = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Started { get; } = [];

        public bool KeyLookupWaitsForHistory { get; init; }

        public string? KeyOwner { get; init; }

        public bool HistoryFails { get; init; }

        public async Task<string?> FindKeyOwnerAsync(string scope, string key, CancellationToken cancellationToken)
        {
            lock (Started)
            {
                Started.Add("key");
            }

            if (KeyLookupWaitsForHistory)
            {
                await _historyAsked.Task;
            }

            return KeyOwner;
        }

        public async Task<CustomerHistory> GetHistoryAsync(string customerId, string orderId, TimeSpan window, string intakeFingerprint, CancellationToken cancellationToken)
        {
            lock (Started)
            {
                Started.Add("history");
            }

            _historyAsked.TrySetResult();
            await Task.Yield();
            return HistoryFails ? throw new InvalidOperationException("the customer's storage is down") : new CustomerHistory(0, false, CustomerTier.Regular);
        }

        public Task<IntakeRoute> RouteAsync(
            string customerId, string orderId, TicketCategory category, string candidateTicketId, CustomerTier? statedTier, bool forceNew, string intakeFingerprint, CancellationToken cancellationToken)
        {
            lock (Started)
            {
                Started.Add("route");
            }

            throw new RoutedException();
        }

        public Task AbandonAsync(string customerId, string ticketId, CustomerTier previousTier, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not expected");

        public Task<IntakeTurn> OpenOrMergeAsync(string ticketId, bool isNew, OpenTicket open, string contactId, IntakeKeys keys, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not expected");

        public Task<IntakeReplay> GetIntakeReplayAsync(string ticketId, IntakeKeys keys, CancellationToken cancellationToken)
        {
            lock (Started)
            {
                Started.Add("replay " + ticketId);
            }

            throw new ReplayReadException();
        }
    }
}
