using System.Reflection;
using Orleans;
using TicketCluster.Grains.Interfaces;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>Grain types and aliases are stored in every grain id, reminder and state row, or travel on the
/// wire between builds: a rename must be a visible change to these literals.</summary>
public sealed class WireNamesTests
{
    private static string? ArgumentOf<TAttribute>(MemberInfo member) =>
        member.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType == typeof(TAttribute))?.ConstructorArguments[0].Value as string;

    [Fact]
    public void GrainType_EachGrainClass_StableName()
    {
        Assert.Equal("ticket", ArgumentOf<GrainTypeAttribute>(typeof(Grains.Tickets.TicketGrain)));
        Assert.Equal("customer", ArgumentOf<GrainTypeAttribute>(typeof(Grains.Customers.CustomerGrain)));
        Assert.Equal("merchant", ArgumentOf<GrainTypeAttribute>(typeof(Grains.Merchants.MerchantGrain)));
        Assert.Equal("merchant-part", ArgumentOf<GrainTypeAttribute>(typeof(Grains.Merchants.MerchantPartGrain)));
        Assert.Equal("webhook-feed", ArgumentOf<GrainTypeAttribute>(typeof(Grains.Webhooks.WebhookFeedGrain)));
        Assert.Equal("message-delivery", ArgumentOf<GrainTypeAttribute>(typeof(Grains.Messages.MessageDeliveryGrain)));
    }

    [Fact]
    public void Alias_EachGrainInterfaceAndMethod_StableName()
    {
        var names = new[] { typeof(ITicketGrain), typeof(ICustomerGrain), typeof(IMerchantGrain), typeof(IMerchantPartGrain), typeof(IWebhookFeedGrain), typeof(IMessageDeliveryGrain) }
            .SelectMany(i => i.GetMethods().Select(m => $"{ArgumentOf<AliasAttribute>(i)}.{ArgumentOf<AliasAttribute>(m)}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "tc.ICustomerGrain.abandon", "tc.ICustomerGrain.facts", "tc.ICustomerGrain.get", "tc.ICustomerGrain.history", "tc.ICustomerGrain.route",
                "tc.IMerchantGrain.facts", "tc.IMerchantGrain.get", "tc.IMerchantPartGrain.facts", "tc.IMerchantPartGrain.get",
                "tc.IMessageDeliveryGrain.enqueue",
                "tc.ITicketGrain.events", "tc.ITicketGrain.execute", "tc.ITicketGrain.get", "tc.ITicketGrain.intake-replay",
                "tc.ITicketGrain.message-attempted", "tc.ITicketGrain.messages", "tc.ITicketGrain.open-or-merge",
                "tc.ITicketGrain.reconcile", "tc.ITicketGrain.webhook-ack",
                "tc.IWebhookFeedGrain.enqueue",
            ],
            names);
    }
}
