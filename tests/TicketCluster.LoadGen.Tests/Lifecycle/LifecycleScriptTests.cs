using TicketCluster.Client;
using TicketCluster.Domain;
using TicketCluster.LoadGen.Lifecycle;

namespace TicketCluster.LoadGen.Tests.Lifecycle;

public sealed class LifecycleScriptTests
{
    // The roles docs/silo.md allows for each command the scripts send.
    private static readonly Dictionary<string, LoadRole[]> Allowed = new()
    {
        [TicketCommands.Acknowledge] = [LoadRole.Agent, LoadRole.Supervisor],
        [TicketCommands.Assign] = [LoadRole.Agent, LoadRole.Supervisor],
        [TicketCommands.RequestMerchantResponse] = [LoadRole.Agent, LoadRole.Supervisor],
        [TicketCommands.MerchantResponse] = [LoadRole.Merchant, LoadRole.Agent, LoadRole.Supervisor],
        [TicketCommands.ProposeResolution] = [LoadRole.Agent, LoadRole.Supervisor],
        [TicketCommands.CustomerConfirmation] = [LoadRole.Channel],
        [TicketCommands.AuthorizeReturn] = [LoadRole.Agent, LoadRole.Supervisor],
        [TicketCommands.ReturnShipped] = [LoadRole.Channel, LoadRole.Agent, LoadRole.Supervisor],
        [TicketCommands.ReturnReceived] = [LoadRole.Warehouse],
        [TicketCommands.WarehouseInspection] = [LoadRole.Warehouse],
        [TicketCommands.RefundIssued] = [LoadRole.Finance],
        [TicketCommands.RepairCompleted] = [LoadRole.Merchant, LoadRole.Agent, LoadRole.Supervisor],
        [TicketCommands.Resolve] = [LoadRole.Agent, LoadRole.Supervisor],
        [TicketCommands.Satisfaction] = [LoadRole.Channel],
    };

    private static List<string> Commands(RequestedOutcome outcome, int seed) =>
        [.. LifecycleScript.For(outcome, 199m, "CNY", new Random(seed), TimeSpan.FromSeconds(1))
            .Select(s => s.Command)
            .Where(c => c is not (TicketCommands.RequestMerchantResponse or TicketCommands.MerchantResponse))];

    [Fact]
    public void For_Refund_AcknowledgedPlannedConfirmedPaidResolvedSurveyed()
    {
        Assert.Equal(
            [TicketCommands.Acknowledge, TicketCommands.Assign, TicketCommands.ProposeResolution, TicketCommands.CustomerConfirmation, TicketCommands.RefundIssued, TicketCommands.Resolve, TicketCommands.Satisfaction],
            Commands(RequestedOutcome.Refund, 1));
    }

    [Fact]
    public void For_ReturnAndRefund_ReturnThroughTheWarehouseBeforeTheRefund()
    {
        Assert.Equal(
            [TicketCommands.Acknowledge, TicketCommands.Assign, TicketCommands.ProposeResolution, TicketCommands.CustomerConfirmation, TicketCommands.AuthorizeReturn, TicketCommands.ReturnShipped, TicketCommands.ReturnReceived, TicketCommands.WarehouseInspection, TicketCommands.RefundIssued, TicketCommands.Resolve, TicketCommands.Satisfaction],
            Commands(RequestedOutcome.ReturnAndRefund, 2));
    }

    [Fact]
    public void For_Repair_MerchantCompletesTheRepair()
    {
        var steps = LifecycleScript.For(RequestedOutcome.Repair, 199m, "CNY", new Random(3), TimeSpan.FromSeconds(1));

        Assert.Equal(LoadRole.Merchant, Assert.Single(steps, s => s.Command == TicketCommands.RepairCompleted).Role);
        Assert.DoesNotContain(steps, s => s.Command == TicketCommands.RefundIssued);
    }

    [Theory]
    [InlineData(RequestedOutcome.Refund)]
    [InlineData(RequestedOutcome.ReturnAndRefund)]
    [InlineData(RequestedOutcome.Repair)]
    [InlineData(RequestedOutcome.Exchange)]
    [InlineData(RequestedOutcome.Explanation)]
    public void For_AnyOutcome_EveryStepSentByARoleTheSiloAllows(RequestedOutcome outcome)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            Assert.All(LifecycleScript.For(outcome, 199m, "CNY", new Random(seed), TimeSpan.FromMilliseconds(100)), step =>
            {
                Assert.Contains(step.Role, Allowed[step.Command]);
                Assert.True(step.ThinkTime >= TimeSpan.Zero);
            });
        }
    }

    [Fact]
    public void For_MerchantAsked_RequestThenResponseRightAfterAssignment()
    {
        var withMerchant = Enumerable.Range(0, 50)
            .Select(seed => LifecycleScript.For(RequestedOutcome.Refund, 199m, "CNY", new Random(seed), TimeSpan.FromSeconds(1)).Select(s => s.Command).ToList())
            .Where(c => c.Contains(TicketCommands.MerchantResponse))
            .ToList();

        Assert.NotEmpty(withMerchant);
        Assert.All(withMerchant, c => Assert.Equal([TicketCommands.RequestMerchantResponse, TicketCommands.MerchantResponse], c.Skip(2).Take(2)));
    }
}
