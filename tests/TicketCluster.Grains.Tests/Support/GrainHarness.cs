using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Options;
using TicketCluster.Runtime.Storage;
using TicketCluster.Testing;
using TicketCluster.Grains.Legacy;
using TicketGrain = TicketCluster.Grains.Legacy.TicketGrain;
using TicketIntake = TicketCluster.Grains.Legacy.TicketIntake;

namespace TicketCluster.Grains.Tests.Support;

/// <summary>
/// Product grains on a runtime over the given storage (in-memory by default) with a manual clock. The
/// reminder dispatcher and outbox relay are driven round by round by the test. Disposing the harness
/// disposes its runtimes and then the storage.
/// </summary>
public sealed class GrainHarness : IAsyncDisposable
{
    private readonly List<GrainRuntime> _runtimes = [];
    private int _nextTicket;

    public GrainHarness(IGrainStorage? storage = null, ManualTimeProvider? clock = null)
    {
        Clock = clock ?? new ManualTimeProvider();
        Storage = storage ?? new InMemoryGrainStorage(Clock);
        Runtime = CreateRuntime("node-a");
        Intake = new TicketIntake(Runtime, TicketClassifier.Default, () => $"T{Interlocked.Increment(ref _nextTicket):D6}");
    }

    public ManualTimeProvider Clock { get; }

    public IGrainStorage Storage { get; }

    public GrainRuntime Runtime { get; }

    public TicketIntake Intake { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public GrainRuntime CreateRuntime(string node, Action<GrainRuntimeOptions>? configure = null)
    {
        var options = new GrainRuntimeOptions { NodeId = node };
        options.Reminders.Enabled = false;
        options.Outbox.Enabled = false;
        configure?.Invoke(options);
        var runtime = new GrainRuntime(Storage, new GrainTypeRegistry().AddTicketGrains(TicketPolicy.Default), options, Clock);
        _runtimes.Add(runtime);
        return runtime;
    }

    public GrainReference<TicketGrain> Ticket(string id) => Runtime.GetGrain<TicketGrain>(id);

    public async Task<TicketState> OpenAsync(string ticketId, Severity severity = Severity.Normal, string customerId = "C1", string orderId = "O1")
    {
        var outcome = await Ticket(ticketId).InvokeAsync(g => g.OpenAsync(OpenCommand(ticketId, severity, customerId, orderId), null));
        Assert.True(outcome.IsAccepted, outcome.ToString());
        return outcome.Ticket!;
    }

    public async Task<TicketOutcome> SendAsync(string ticketId, TicketCommand command) =>
        await Ticket(ticketId).InvokeAsync(g => g.ExecuteAsync(command));

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

    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in _runtimes)
        {
            await runtime.DisposeAsync();
        }

        await Storage.DisposeAsync();
    }
}
