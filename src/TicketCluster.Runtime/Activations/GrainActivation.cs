using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Grains;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Runtime.Activations;

/// <summary>
/// One in-memory activation of a grain: its instance, its committed state and version, and a FIFO
/// queue of calls run one at a time. A turn holds the activation across its awaits: nothing else runs
/// on the grain until the turn (and every retry of it) has finished.
/// </summary>
internal sealed class GrainActivation
{
    private readonly Lock _gate = new();
    private readonly Queue<IWorkItem> _queue = new();
    private Task? _previousDeactivation;
    private bool _running;
    private bool _activated;
    private bool _stale = true;
    private readonly GrainLogScope _logScope;
    private readonly string _turnName;
    private ActivityContext _caller;

    public GrainActivation(GrainRuntime runtime, GrainId id, Grain grain, Task? previousDeactivation)
    {
        Runtime = runtime;
        Id = id;
        Grain = grain;
        _previousDeactivation = previousDeactivation;
        _logScope = new GrainLogScope(id);
        _turnName = "turn " + id.Type;
        grain.Attach(this);
    }

    public GrainRuntime Runtime { get; }

    public GrainId Id { get; }

    public Grain Grain { get; }

    // The fields below belong to the runtime's catalog and are read and written under its lock only.

    /// <summary>Calls routed here and not yet finished (queued or running).</summary>
    public int Pending { get; set; }

    public DateTimeOffset LastUsed { get; set; }

    public LinkedListNode<GrainActivation>? IdleNode { get; set; }

    public ITimer? IdleTimer { get; set; }

    /// <summary>Bytes this activation currently adds to the catalog's memory estimate.</summary>
    public long AccountedBytes { get; set; }

    /// <summary>Removed from the catalog: being (or already) deactivated.</summary>
    public bool Removed { get; set; }

    /// <summary>Completed when an idle or evicted activation has finished deactivating.</summary>
    public TaskCompletionSource? Deactivation { get; set; }

    public Task<T> EnqueueAsync<T>(Func<GrainActivation, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var item = new WorkItem<T>(work, cancellationToken);
        bool start;
        lock (_gate)
        {
            _queue.Enqueue(item);
            start = !_running;
            _running = true;
        }

        if (start)
        {
            // The queue runs calls of many callers: it must not carry the first caller's logging scope or
            // trace context into the others' turns. Each turn gets its own from its work item instead.
            if (ExecutionContext.IsFlowSuppressed())
            {
                _ = Task.Run(RunQueueAsync, CancellationToken.None);
            }
            else
            {
                using var suppressed = ExecutionContext.SuppressFlow();
                _ = Task.Run(RunQueueAsync, CancellationToken.None);
            }
        }

        return item.Task;
    }

    /// <summary>
    /// Runs one call as a turn: on a version conflict the activation's state is discarded and reloaded
    /// and the whole call runs again, up to <c>MaxTurnAttempts</c> times. A <paramref name="fresh"/>
    /// call first checks the stored version and reloads when another node has written since (a read that
    /// sees every write committed before it began, wherever it was made).
    /// </summary>
    public async Task<T> ExecuteTurnAsync<T>(
        Func<Grain, TurnContext, Task<T>> body,
        ReminderCompletion? completion,
        bool isInbox,
        CancellationToken cancellationToken,
        bool fresh = false,
        KnownState? known = null)
    {
        int maxAttempts = Runtime.Options.MaxTurnAttempts;
        using var activity = RuntimeTelemetry.ActivitySource.StartActivity(_turnName, ActivityKind.Internal, _caller);
        activity?.SetTag("grain", Id.ToString());
        long started = Stopwatch.GetTimestamp();
        try
        {
            return await ExecuteAttemptsAsync(body, completion, isInbox, maxAttempts, fresh, known, activity, cancellationToken);
        }
        catch (Exception exception) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            Runtime.Metrics.TurnCompleted(Id.Type, completion is not null ? "reminder" : isInbox ? "inbox" : "call", Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<T> ExecuteAttemptsAsync<T>(
        Func<Grain, TurnContext, Task<T>> body,
        ReminderCompletion? completion,
        bool isInbox,
        int maxAttempts,
        bool fresh,
        KnownState? known,
        Activity? activity,
        CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            activity?.SetTag("attempts", attempt);
            TurnContext? turn = null;
            try
            {
                if (fresh && attempt == 1 && !_stale)
                {
                    await RefreshAsync(cancellationToken);
                }

                await EnsureActiveAsync(cancellationToken, attempt == 1 ? known : null);
                turn = new TurnContext(Runtime.TimeProvider.GetUtcNow(), completion, isInbox);
                Grain.BeginTurn(turn);
                var result = await body(Grain, turn);
                await Grain.FlushAsync();
                return result;
            }
            catch (Exception exception) when (exception is GrainVersionConflictException || turn?.Conflicted == true)
            {
                _stale = true;
                Runtime.Metrics.VersionConflict();
                if (attempt >= maxAttempts)
                {
                    RuntimeLog.ConflictRetriesExhausted(Runtime.Logger, Id, attempt);
                    throw new GrainConcurrencyException(Id, attempt);
                }

                RuntimeLog.VersionConflict(Runtime.Logger, Id, attempt);
                await BackOffAsync(attempt, cancellationToken);
            }
            catch (Exception exception) when (turn?.FenceLost == true && exception is not ReminderFenceLostException)
            {
                _stale = true;
                throw new ReminderFenceLostException(Id, completion?.Name ?? "?");
            }
            catch
            {
                // A failed turn may have failed inside a write whose fate is unknown (a storage error):
                // the next turn starts from what the storage holds.
                _stale = true;
                throw;
            }
            finally
            {
                if (turn is not null)
                {
                    Grain.EndTurn();
                }
            }
        }
    }

    /// <summary>Sends a turn's write through the commit pipeline and tells the background services
    /// about what it committed.</summary>
    public async Task<WriteResult> CommitAsync(GrainWrite write)
    {
        var result = await Runtime.Pipeline.CommitAsync(write);
        if (result.IsCommitted)
        {
            Runtime.OnCommitted(write);
        }

        return result;
    }

    /// <summary>Runs <see cref="Grain.OnDeactivateAsync"/> once, in a turn of its own (no retry).</summary>
    public async Task DeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_activated)
        {
            return;
        }

        _activated = false;
        var turn = new TurnContext(Runtime.TimeProvider.GetUtcNow(), null, false);
        Grain.BeginTurn(turn);
        try
        {
            await Grain.OnDeactivateAsync(reason, cancellationToken);
            await Grain.FlushAsync();
        }
#pragma warning disable CA1031 // The activation ends either way; the failure is logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            RuntimeLog.DeactivationFailed(Runtime.Logger, Id, exception);
        }
        finally
        {
            Grain.EndTurn();
        }

        RuntimeLog.Deactivated(Runtime.Logger, Id, reason);
    }

    /// <summary>Reloads the state when the storage holds a newer version than this activation.</summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var record = await Runtime.Storage.ReadStateAsync(Id, cancellationToken);
        if ((record?.Version ?? 0) != Grain.LoadedVersion)
        {
            Grain.Load(record);
        }
    }

    /// <summary>A random pause after a lost race ("full jitter": uniform up to base × 2^(attempt−1),
    /// at most 64 × base), so that nodes writing one grain at once stop colliding in lockstep.</summary>
    private Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        var limit = Runtime.Options.ConflictBackoff * (1 << Math.Min(attempt - 1, 6));
        return limit <= TimeSpan.Zero
            ? Task.CompletedTask
            : Task.Delay(limit * Random.Shared.NextDouble(), TimeProvider.System, cancellationToken);
    }

    private async Task RunQueueAsync()
    {
        while (true)
        {
            IWorkItem? item;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out item))
                {
                    _running = false;
                    return;
                }
            }

            _caller = item.Caller;
            using (Runtime.Logger.BeginScope(_logScope))
            {
                await item.RunAsync(this);
            }

            Runtime.OnTurnFinished(this);
            item.Publish();
        }
    }

    /// <param name="known">The stored state as the caller already read it (or knows it: none, for a
    /// grain id it has just drawn); used in place of a read when the activation must load. Loading a
    /// record older than the storage's is safe: the turn's write then conflicts and the turn runs again
    /// on a fresh read.</param>
    private async Task EnsureActiveAsync(CancellationToken cancellationToken, KnownState? known = null)
    {
        if (_previousDeactivation is { } previous)
        {
            // The grain's previous activation on this node may still be writing in OnDeactivateAsync.
            await previous;
            _previousDeactivation = null;
        }

        if (_stale)
        {
            var record = known is { } k ? k.Record : await Runtime.Storage.ReadStateAsync(Id, cancellationToken);
            Grain.Load(record);
            _stale = false;
        }

        if (!_activated)
        {
            var turn = new TurnContext(Runtime.TimeProvider.GetUtcNow(), null, false);
            Grain.BeginTurn(turn);
            try
            {
                await Grain.OnActivateAsync(cancellationToken);
                await Grain.FlushAsync();
            }
            catch (Exception exception) when (exception is not GrainVersionConflictException)
            {
                RuntimeLog.ActivationFailed(Runtime.Logger, Id, exception);
                throw;
            }
            finally
            {
                Grain.EndTurn();
            }

            _activated = true;
            Runtime.Metrics.Activated(Id.Type);
            RuntimeLog.Activated(Runtime.Logger, Id);
            Runtime.Events.OnActivated(Id);
        }
    }
}

/// <summary>A grain's stored state as a caller already knows it, so that activating the grain needs
/// no read of its own: <see cref="Record"/> is null for a grain never written.</summary>
internal readonly record struct KnownState(GrainRecord? Record);
