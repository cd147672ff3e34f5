using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TicketCluster.Runtime.Activations;
using TicketCluster.Runtime.Commit;
using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Grains;
using TicketCluster.Runtime.Options;
using TicketCluster.Runtime.Outbox;
using TicketCluster.Runtime.Reminders;
using TicketCluster.Runtime.Serialization;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Runtime;

/// <summary>
/// One node of the grain runtime (Orleans' silo): it activates grains on first call, runs their turns
/// one at a time, commits their effects through the group-commit pipeline, fires due reminders and
/// relays outbox events. Several runtimes on one storage form a cluster; they agree only through the
/// storage.
/// </summary>
public sealed partial class GrainRuntime : IHostedService, IAsyncDisposable
{
    private readonly GrainTypeRegistry _grains;
    private readonly IServiceProvider _services;
    private readonly CancellationTokenSource _stopping = new();

    // Cancelled only when a stop outlasts its budget: work the loops had already taken on (an outbox
    // delivery in flight) is then cut short and left to another node after its lease.
    private readonly CancellationTokenSource _abandon = new();
    private Task _reminderLoop = Task.CompletedTask;
    private Task _outboxLoop = Task.CompletedTask;
    private int _started;
    private int _stopped;
    private int _running;

    public GrainRuntime(
        IGrainStorage storage,
        GrainTypeRegistry grains,
        GrainRuntimeOptions options,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        IServiceProvider? services = null,
        IGrainStateSerializer? serializer = null,
        IEnumerable<IOutboxDeliveryHandler>? deliveryHandlers = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid grain runtime options: " + string.Join(" ", errors), nameof(options));
        }

        Storage = storage;
        Options = options;
        _grains = grains;
        _services = services ?? EmptyServices.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Serializer = serializer ?? new JsonGrainStateSerializer();
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("TicketCluster.Runtime");
        Metrics = new RuntimeMetrics(options.NodeId, () => ActivationCount);
        Pipeline = new CommitPipeline(storage, options.GroupCommit, TimeProvider, Metrics, Events, Logger);
        Reminders = new ReminderDispatcher(this);
        Outbox = new OutboxRelay(this, deliveryHandlers ?? []);
    }

    public string NodeId => Options.NodeId;

    public GrainRuntimeOptions Options { get; }

    public IGrainStorage Storage { get; }

    public TimeProvider TimeProvider { get; }

    public IGrainStateSerializer Serializer { get; }

    /// <summary>Lifecycle events that tests and diagnostics can observe.</summary>
    public RuntimeEvents Events { get; } = new();

    internal ILogger Logger { get; }

    internal RuntimeMetrics Metrics { get; }

    /// <summary>This node's counts since it started, as the membership table shows them.</summary>
    public NodeCounts Counts => new(ActivationCount, Metrics.RemindersClaimedTotal, Metrics.RemindersFiredTotal);

    internal CommitPipeline Pipeline { get; }

    internal ReminderDispatcher Reminders { get; }

    internal OutboxRelay Outbox { get; }

    /// <summary>Claims and fires one round of due reminders by hand, as the background dispatcher does
    /// when enabled (tests and tools that drive time themselves). Returns how many were claimed.</summary>
    public Task<int> RunReminderRoundAsync(CancellationToken cancellationToken) => Reminders.RunOnceAsync(cancellationToken);

    /// <summary>Claims and delivers one round of outbox messages by hand, as the background relay does
    /// when enabled. Returns how many were claimed.</summary>
    public Task<int> RunOutboxRoundAsync(CancellationToken cancellationToken) => Outbox.RunOnceAsync(cancellationToken);

    /// <summary>A reference to the grain of class <typeparamref name="TGrain"/> with key
    /// <paramref name="key"/>. Cheap: nothing is activated until the first call.</summary>
    public GrainReference<TGrain> GetGrain<TGrain>(string key)
        where TGrain : Grain
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new GrainReference<TGrain>(this, new GrainId(_grains.TypeNameOf<TGrain>(), key));
    }

    /// <summary>Starts the reminder dispatcher and the outbox relay (after ensuring the schema, if so
    /// configured). Bounded by <paramref name="cancellationToken"/> and
    /// <see cref="GrainRuntimeOptions.ShutdownTimeout"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("The grain runtime was already started.");
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Options.ShutdownTimeout);
        if (Options.EnsureSchemaOnStart)
        {
            await Storage.EnsureSchemaAsync(bounded.Token);
        }

        if (Options.Reminders.Enabled)
        {
            _reminderLoop = Task.Run(() => Reminders.RunAsync(_stopping.Token), CancellationToken.None);
        }

        if (Options.Outbox.Enabled)
        {
            _outboxLoop = Task.Run(() => Outbox.RunAsync(_stopping.Token), CancellationToken.None);
        }

        Volatile.Write(ref _running, 1);
        RuntimeLog.Started(Logger, NodeId);
    }

    /// <summary>Started (schema applied, background loops running) and not yet stopping: what a
    /// readiness probe asks.</summary>
    public bool IsRunning => Volatile.Read(ref _running) == 1;

    /// <summary>
    /// Graceful stop: the background loops finish their rounds (in-flight turns complete), this node's
    /// reminder claims are released, new calls are refused, and every activation finishes its queued
    /// calls and is deactivated. Bounded by <paramref name="cancellationToken"/> and
    /// <see cref="GrainRuntimeOptions.ShutdownTimeout"/>; whatever is cut short is recovered by other
    /// nodes after the leases run out.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        Volatile.Write(ref _running, 0);

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Options.ShutdownTimeout);
        await _stopping.CancelAsync();
        var loops = Task.WhenAll(_reminderLoop, _outboxLoop);
        try
        {
            await loops.WaitAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested)
        {
            // Past the budget: cut short what is still in flight (its messages stay in the outbox, its
            // claims expire with their leases) so the rest of the stop still happens.
            await _abandon.CancelAsync();
            await loops.WaitAsync(AbandonGrace, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // The last steps run within what is left of the budget, or a short grace of their own once it is
        // spent, so claims are still released after a stop that had to abandon deliveries.
        using var grace = new CancellationTokenSource(AbandonGrace);
        var remaining = bounded.IsCancellationRequested ? grace.Token : bounded.Token;
        int released = await Storage.ReleaseRemindersAsync(NodeId, remaining);
        RuntimeLog.RemindersReleased(Logger, released, NodeId);

        await DeactivateAllAsync(remaining);
        RuntimeLog.Stopped(Logger, NodeId);
    }

    /// <summary>How long the last steps of a stop may take once its budget is spent.</summary>
    private static readonly TimeSpan AbandonGrace = TimeSpan.FromSeconds(5);

    /// <summary>Cancelled when a stop runs past its budget; deliveries in flight watch it.</summary>
    internal CancellationToken AbandonToken => _abandon.Token;

    public async ValueTask DisposeAsync()
    {
        // Stops even a runtime that was never started: its activations end and their timers go away.
        await StopAsync(CancellationToken.None);

        _stopping.Dispose();
        _abandon.Dispose();
        Metrics.Dispose();
    }

    /// <summary>Tells the background services what a turn committed, so they need not wait for a poll.</summary>
    internal void OnCommitted(GrainWrite write)
    {
        if (write.RegisterReminders.Count > 0)
        {
            Reminders.Wake(write.RegisterReminders.Min(r => r.DueAt));
        }

        if (write.Outbox.Count > 0)
        {
            Outbox.Wake();
        }
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
