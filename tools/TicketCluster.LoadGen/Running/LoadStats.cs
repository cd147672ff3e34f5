using System.Collections.Concurrent;
using TicketCluster.Client.Contracts;
using TicketCluster.Domain.Sla;
using TicketCluster.LoadGen.Measurement;

namespace TicketCluster.LoadGen.Running;

/// <summary>The counters of a run, updated by many requests at once.</summary>
public sealed class LoadStats
{
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _shed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string TicketId, ClockKind Clock), byte> _breaches = new();
    private readonly ConcurrentQueue<string> _generatorErrorSamples = new();
    private long _offered;
    private long _intakesOffered;
    private long _intakesSucceeded;
    private long _sent;
    private long _succeeded;
    private long _dropped;
    private long _generatorErrors;
    private long _followUpsNotSent;
    private long _created;
    private long _merged;
    private long _replayed;
    private long _resolved;
    private long _inFlight;

    /// <summary>Every answered request that succeeded, from its intended send time.</summary>
    public LatencyHistogram Latency { get; } = new();

    public LatencyHistogram IntakeLatency { get; } = new();

    public LatencyHistogram CommandLatency { get; } = new();

    public long Offered => Interlocked.Read(ref _offered);

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Intakes whose intended time came (the schedule's arrivals).</summary>
    public long IntakesOffered => Interlocked.Read(ref _intakesOffered);

    public long IntakesSucceeded => Interlocked.Read(ref _intakesSucceeded);

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long DroppedAtGenerator => Interlocked.Read(ref _dropped);

    public long GeneratorErrors => Interlocked.Read(ref _generatorErrors);

    public long FollowUpsNotSent => Interlocked.Read(ref _followUpsNotSent);

    public long TicketsCreated => Interlocked.Read(ref _created);

    public long IntakesMerged => Interlocked.Read(ref _merged);

    public long IntakesReplayed => Interlocked.Read(ref _replayed);

    public long TicketsResolved => Interlocked.Read(ref _resolved);

    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Distinct (ticket, clock) breaches seen in the answers.</summary>
    public long DeadlinesBreached => _breaches.Count;

    public IReadOnlyDictionary<string, long> Errors => new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> ShedBySeverity => new SortedDictionary<string, long>(_shed, StringComparer.Ordinal);

    public IReadOnlyList<string> GeneratorErrorSamples => [.. _generatorErrorSamples];

    public long ErrorCount => _errors.Values.Sum();

    public void Offer(bool intake = false)
    {
        Interlocked.Increment(ref _offered);
        if (intake)
        {
            Interlocked.Increment(ref _intakesOffered);
        }
    }

    /// <summary>Takes a place among the requests in flight; false (and counted as dropped) at the cap.</summary>
    public bool TryStart(int maxInFlight)
    {
        if (Interlocked.Increment(ref _inFlight) > maxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _dropped);
            return false;
        }

        Interlocked.Increment(ref _sent);
        return true;
    }

    public void Finish() => Interlocked.Decrement(ref _inFlight);

    public void Succeed(bool intake, TimeSpan latency)
    {
        Interlocked.Increment(ref _succeeded);
        if (intake)
        {
            Interlocked.Increment(ref _intakesSucceeded);
        }

        Latency.Record(latency);
        (intake ? IntakeLatency : CommandLatency).Record(latency);
    }

    public void Fail(string kind) => _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void Shed(string severity) => _shed.AddOrUpdate(severity, 1, (_, n) => n + 1);

    public void GeneratorError(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (Interlocked.Increment(ref _generatorErrors) <= 10)
        {
            _generatorErrorSamples.Enqueue($"{error.GetType().Name}: {error.Message}");
        }
    }

    public void FollowUpNotSent() => Interlocked.Increment(ref _followUpsNotSent);

    public void Intake(IntakeOutcome outcome)
    {
        switch (outcome)
        {
            case IntakeOutcome.Created:
                Interlocked.Increment(ref _created);
                break;
            case IntakeOutcome.Merged:
                Interlocked.Increment(ref _merged);
                break;
            default:
                Interlocked.Increment(ref _replayed);
                break;
        }
    }

    public void Resolved() => Interlocked.Increment(ref _resolved);

    /// <summary>Notes the breached clocks of a ticket as an answer showed it.</summary>
    public void Observe(TicketView ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        foreach (var deadline in ticket.Deadlines)
        {
            if (deadline.BreachedAt is not null)
            {
                _breaches.TryAdd((ticket.Id, deadline.Clock), 0);
            }
        }
    }
}
