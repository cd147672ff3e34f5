using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Merchants;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>A merchant's scorecard in parts: each ticket's merchant facts go to the part its id falls in,
/// the merchant's read sums the parts, and a ticket opened before there were parts keeps sending to the
/// merchant grain itself.</summary>
public sealed class OrleansMerchantPartsTests() : OrleansClusterTests
{
    private TicketGrainState StoredTicket(string id) => Cluster.StoredState<TicketGrainState>(GrainTypes.Ticket, id);

    [Fact]
    public async Task Open_ManyTickets_EachInItsPart_MerchantReadSumsTheParts()
    {
        var ids = Enumerable.Range(1, 24).Select(i => $"T{i}").ToList();
        foreach (var id in ids)
        {
            await OrleansTicketClockTests.OpenAsync(Cluster.Ticket(id), id, orderId: "O" + id);
            await Cluster.Ticket(id).ReconcileAsync();
        }

        var withdrawn = await Cluster.Ticket("T1").ExecuteAsync(new WithdrawTicket("Found the receipt.") { Actor = new Actor("C1", ActorRole.Customer) }, null, null);
        Assert.True(withdrawn.IsAccepted, withdrawn.ToString());
        await Cluster.Ticket("T1").ReconcileAsync();

        var scorecard = await Cluster.Grains.GetGrain<IMerchantGrain>("M1").GetAsync();
        Assert.Equal("M1", scorecard.MerchantId);
        Assert.Equal(ids.Skip(1).Order(StringComparer.Ordinal), scorecard.OpenDisputes.Order(StringComparer.Ordinal));
        Assert.True(ids.Select(MerchantParts.Of).Distinct().Count() > 4, "the tickets should spread over several parts");
        foreach (var id in ids)
        {
            var part = MerchantParts.Of(id);
            Assert.Equal(part, StoredTicket(id).MerchantPart);
            var partCard = await Cluster.Grains.GetGrain<IMerchantPartGrain>(MerchantParts.Key("M1", part)).GetAsync();
            Assert.Equal("M1", partCard.MerchantId);
            Assert.Equal(id != "T1", partCard.OpenDisputes.Contains(id));
            Assert.Contains($"\"{id}\"", Cluster.StoredJson(GrainTypes.MerchantPart, MerchantParts.Key("M1", part)), StringComparison.Ordinal);
        }

        Assert.Null(Cluster.StoredJson(GrainTypes.Merchant, "M1"));
    }

    [Fact]
    public async Task TicketOpenedBeforeParts_LaterFactsGoToTheMerchantGrain_AndItStaysThere()
    {
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T1"), "T1");
        await Cluster.Ticket("T1").ReconcileAsync();
        await Cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Empty(StoredTicket("T1").PendingMerchantFacts);

        // The row as a ticket opened before scorecards had parts stored it: no part.
        RewriteStoredTicket("T1", state => state.Remove("merchantPart"));
        Assert.Null(StoredTicket("T1").MerchantPart);

        var withdrawn = await Cluster.Ticket("T1").ExecuteAsync(new WithdrawTicket("Found the receipt.") { Actor = new Actor("C1", ActorRole.Customer) }, null, null);
        Assert.True(withdrawn.IsAccepted, withdrawn.ToString());
        await Cluster.Ticket("T1").ReconcileAsync();

        Assert.Contains("\"T1\"", Cluster.StoredJson(GrainTypes.Merchant, "M1"), StringComparison.Ordinal);
        Assert.Null(StoredTicket("T1").MerchantPart);
    }

    [Theory]
    [InlineData("T1")]
    [InlineData("tk-01a23a14e4ba78b49ca6d31ededecd88")]
    public void Of_SameIdSamePart_WithinRange(string id)
    {
        Assert.InRange(MerchantParts.Of(id), 0, MerchantParts.Count - 1);
        Assert.Equal(MerchantParts.Of(id), MerchantParts.Of(new string(id.ToCharArray())));
    }

    /// <summary>The part is stored in tickets, so the hash may never change: FNV-1a of the id's UTF-8 bytes.</summary>
    [Fact]
    public void Of_IsFnv1aOfTheUtf8Bytes_ModuloTheCount()
    {
        Assert.Equal((int)(0xe40c292cu % MerchantParts.Count), MerchantParts.Of("a"));
        Assert.Equal((int)(0xbf9cf968u % MerchantParts.Count), MerchantParts.Of("foobar"));
    }

    [Fact]
    public void Of_TenThousandTicketIds_EveryPartWithinAFifthOfItsShare()
    {
        var random = new Random(11);
        var counts = Enumerable.Range(0, 10_000)
            .Select(_ => MerchantParts.Of("tk-" + Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()))))
            .CountBy(p => p)
            .ToDictionary();
        Assert.Equal(MerchantParts.Count, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 10_000 / MerchantParts.Count * 4 / 5, 10_000 / MerchantParts.Count * 6 / 5));
    }

    [Theory]
    [InlineData("M1", 3, "M1/3")]
    [InlineData("shop/eu", 15, "shop/eu/15")]
    public void Key_MerchantOf_RoundTrips(string merchantId, int part, string key)
    {
        Assert.Equal(key, MerchantParts.Key(merchantId, part));
        Assert.Equal(merchantId, MerchantParts.MerchantOf(key));
    }

    private void RewriteStoredTicket(string id, Action<JsonObject> change)
    {
        var state = JsonNode.Parse(Cluster.StoredJson(GrainTypes.Ticket, id)!)!.AsObject();
        Assert.True(state.ContainsKey("merchantPart"), "the stored ticket should name its part");
        change(state);
        using var connection = new SqliteConnection(Cluster.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE grain_state SET state = $state WHERE grain_type = $type AND grain_key = $key";
        command.Parameters.AddWithValue("$state", System.Text.Encoding.UTF8.GetBytes(state.ToJsonString()));
        command.Parameters.AddWithValue("$type", GrainTypes.Ticket);
        command.Parameters.AddWithValue("$key", id);
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
