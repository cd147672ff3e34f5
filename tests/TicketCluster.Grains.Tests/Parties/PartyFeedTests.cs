using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Customers;
using TicketCluster.Grains.Tests.Support;
using CustomerGrain = TicketCluster.Grains.Legacy.CustomerGrain;
using MerchantGrain = TicketCluster.Grains.Legacy.MerchantGrain;

namespace TicketCluster.Grains.Tests.Parties;

public sealed class PartyFeedTests : IAsyncDisposable
{
    private readonly GrainHarness _h = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private async Task DrainOutboxAsync()
    {
        while (await _h.Runtime.RunOutboxRoundAsync(_ct) > 0)
        {
        }
    }

    [Fact]
    public async Task OutboxRound_TicketOpened_CustomerAndMerchantUpdated()
    {
        await _h.OpenAsync("T1", customerId: "C1");

        await DrainOutboxAsync();

        var profile = await _h.Runtime.GetGrain<CustomerGrain>("C1").InvokeAsync(g => g.GetAsync());
        var scorecard = await _h.Runtime.GetGrain<MerchantGrain>("M1").InvokeAsync(g => g.GetAsync());
        Assert.Equal("T1", profile.FindOpenTicket("O1", Domain.TicketCategory.ProductQuality));
        Assert.Contains("T1", scorecard.OpenDisputes);
        Assert.Equal(0, (await _h.Storage.ReadStatisticsAsync(_ct)).OutboxPending);
    }

    [Fact]
    public async Task OutboxRound_ManyTicketsOfOneMerchant_AppliedInOneBatchEach()
    {
        for (var i = 0; i < 20; i++)
        {
            await _h.OpenAsync($"T{i}", customerId: $"C{i}", orderId: $"O{i}");
        }

        var merchantBatches = new List<int>();
        _h.Runtime.Events.OutboxDelivered += d =>
        {
            if (d.Target == GrainTypes.MerchantId("M1"))
            {
                merchantBatches.Add(d.Applied);
            }
        };
        await DrainOutboxAsync();

        Assert.Equal([20], merchantBatches);
        var scorecard = await _h.Runtime.GetGrain<MerchantGrain>("M1").InvokeAsync(g => g.GetAsync());
        Assert.Equal(20, scorecard.OpenDisputeCount);
    }

    [Fact]
    public async Task ReceiveEventsAsync_SameBatchDeliveredTwice_AppliedOnce()
    {
        await _h.OpenAsync("T1");
        var claimed = await _h.Storage.ClaimOutboxAsync("probe", 100, TimeSpan.FromMinutes(1), _ct);
        var toMerchant = claimed.Select(c => c.Message).Where(m => m.Target == GrainTypes.MerchantId("M1")).ToList();
        var merchant = _h.Runtime.GetGrain<MerchantGrain>("M1");

        await merchant.InvokeAsync(g => g.ReceiveEventsAsync(toMerchant));
        var once = await merchant.InvokeAsync(g => g.GetAsync());
        await merchant.InvokeAsync(g => g.ReceiveEventsAsync(toMerchant));

        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(once),
            System.Text.Json.JsonSerializer.Serialize(await merchant.InvokeAsync(g => g.GetAsync())));
        Assert.Equal(1, once.OpenDisputeCount);
    }

    [Fact]
    public async Task OutboxRound_TicketClosedByWithdrawal_CustomerComplaintClosed()
    {
        await _h.OpenAsync("T1");
        var outcome = await _h.SendAsync("T1", new WithdrawTicket("solved it myself") { Actor = new Actor("C1", ActorRole.Customer) });
        Assert.True(outcome.IsAccepted, outcome.ToString());

        await DrainOutboxAsync();

        var profile = await _h.Runtime.GetGrain<CustomerGrain>("C1").InvokeAsync(g => g.GetAsync());
        Assert.Null(profile.FindOpenTicket("O1", Domain.TicketCategory.ProductQuality));
    }
}
