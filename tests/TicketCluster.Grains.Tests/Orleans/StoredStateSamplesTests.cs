using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Parties;
using TicketCluster.Grains.Serialization;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>
/// States written before the move onto Orleans (<c>Samples/*.v1.json</c>, by the grains of the home-made
/// runtime) read into the Orleans grains' state types with <see cref="DomainJson"/>, and what those write reads
/// again — and the profile types alone read the parties' new rows (their <c>watermarks</c> member is ignored).
/// </summary>
public sealed class StoredStateSamplesTests
{
    private static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    private static T Read<T>(byte[] json) => JsonSerializer.Deserialize<T>(json, DomainJson.Options)!;

    private static byte[] Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, DomainJson.Options);

    [Fact]
    public void Sample_TicketStateV1_ReadByOrleansGrainState()
    {
        var state = Read<TicketGrainState>(Sample("ticket-state.v1.json"));

        Assert.NotNull(state.Ticket);
        Assert.Equal(TicketStatus.Acknowledged, state.Ticket.Status);
        Assert.Equal(state.Events.Count, state.Ticket.Version);
        Assert.Equal(2, state.Ticket.Contacts.Length);
        Assert.Equal(2, state.IntakeFingerprints.Count);
        Assert.Equal("agent:agent-7\nack-1", Assert.Single(state.CommandKeys).Key);
        Assert.Empty(state.PendingCustomerFacts);
        Assert.Empty(state.IntakeKeys);
        Assert.Equal(Write(state.Ticket), Write(TicketState.Replay(state.Events)));
        Assert.Equal(Write(state), Write(Read<TicketGrainState>(Write(state))));
    }

    [Fact]
    public void Sample_CustomerProfileV1_ReadByPartyStateAndWrittenBackReadableByBoth()
    {
        var state = Read<PartyGrainState<CustomerProfile>>(Sample("customer-profile.v1.json"));

        Assert.Equal("C1", state.Profile!.CustomerId);
        Assert.True(state.Profile.HasComplainedAboutOrder("O1"));
        Assert.Empty(state.Watermarks);
        var written = Write(state with { Watermarks = state.Watermarks.Add("T1", new Watermark(3, DateTimeOffset.UnixEpoch)) });
        Assert.Equal(3, Read<PartyGrainState<CustomerProfile>>(written).Watermarks["T1"].Sequence);
        Assert.Equal(Write(state.Profile), Write(Read<CustomerProfile>(written)));
    }

    [Fact]
    public void Sample_MerchantScorecardV1_ReadByPartyStateAndWrittenBackReadableByBoth()
    {
        var state = Read<PartyGrainState<MerchantScorecard>>(Sample("merchant-scorecard.v1.json"));

        Assert.Equal(1, state.Profile!.OpenDisputeCount);
        Assert.Empty(state.Watermarks);
        Assert.Equal(Write(state.Profile), Write(Read<MerchantScorecard>(Write(state))));
    }

    /// <summary>The flat form: the profile's own members, then <c>watermarks</c>, text outside ASCII as it
    /// is; byte for byte what a JSON tree of the profile with the member added writes.</summary>
    [Fact]
    public void PartyState_Written_IsTheProfileWithWatermarksAsItsLastMember()
    {
        var profile = CustomerProfile.Create("客户-1", Domain.CustomerTier.Vip).Reserve("T1", "订单-1", Domain.TicketCategory.ProductQuality, DateTimeOffset.UnixEpoch);
        var state = new PartyGrainState<CustomerProfile>
        {
            Profile = profile,
            Watermarks = ImmutableDictionary<string, Watermark>.Empty.Add("T1", new Watermark(3, DateTimeOffset.UnixEpoch)).Add("T2", new Watermark(1, DateTimeOffset.UnixEpoch)),
        };
        var tree = (JsonObject)JsonSerializer.SerializeToNode(profile, DomainJson.Options)!;
        tree["watermarks"] = JsonSerializer.SerializeToNode(state.Watermarks, DomainJson.Options);

        var written = Encoding.UTF8.GetString(Write(state));

        Assert.Equal(tree.ToJsonString(DomainJson.Options), written);
        Assert.Contains("客户-1", written, StringComparison.Ordinal);
        Assert.EndsWith("}}}", written, StringComparison.Ordinal);
    }

    /// <summary>The thread's reused buffer holds nothing of the state written before: a customer's state
    /// written after a merchant's larger one, and again, is what a fresh thread writes.</summary>
    [Fact]
    public async Task PartyState_WrittenAfterALargerOne_CarriesNothingOfIt()
    {
        var merchant = Read<PartyGrainState<MerchantScorecard>>(Sample("merchant-scorecard.v1.json"));
        var customer = Read<PartyGrainState<CustomerProfile>>(Sample("customer-profile.v1.json"));
        customer = customer with { Watermarks = customer.Watermarks.Add("T1", new Watermark(3, DateTimeOffset.UnixEpoch)) };
        var fresh = await Task.Run(() => Write(customer));

        var (afterMerchant, again) = await Task.Run(() =>
        {
            var large = Write(merchant);
            Assert.True(large.Length > fresh.Length);
            return (Write(customer), Write(customer));
        });

        Assert.Equal(fresh, afterMerchant);
        Assert.Equal(fresh, again);
        Assert.Equal(3, Read<PartyGrainState<CustomerProfile>>(afterMerchant).Watermarks["T1"].Sequence);
    }
}
