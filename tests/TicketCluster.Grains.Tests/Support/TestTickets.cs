using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Support;

/// <summary>The people, orders, commands and intakes the grain tests are made of.</summary>
public static class TestTickets
{
    public static Actor Agent { get; } = new("agent-7", ActorRole.Agent);

    public static CustomerInfo Customer(string id = "C1") =>
        new(id, "张三", "13812341234", "zhangsan@example.com", "广东省深圳市南山区科技园1号", CustomerTier.Regular);

    public static OrderInfo Order(string id = "O1", string merchantId = "M1", decimal amount = 299m) =>
        new(id, merchantId, new Money(amount, "CNY"), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), null, []);

    public static OpenTicket OpenCommand(string ticketId, Severity severity, string customerId = "C1", string orderId = "O1") =>
        new(ticketId, Channel.App, "msg-" + ticketId, Customer(customerId), Order(orderId), TicketCategory.ProductQuality, severity,
            RequestedOutcome.Refund, "The kettle leaks.", [])
        { Actor = new Actor(customerId, ActorRole.Customer) };

    /// <summary>An intake the customer <paramref name="customerId"/> submits for themselves.</summary>
    public static IntakeRequest IntakeFrom(Channel channel, string? externalId, string description, string customerId = "C1", string orderId = "O1") =>
        new("customer:" + customerId, null, new Actor(customerId, ActorRole.Customer), channel, externalId, Customer(customerId), Order(orderId), null, null,
            RequestedOutcome.Refund, description, ImmutableArray<EvidenceItem>.Empty);
}
