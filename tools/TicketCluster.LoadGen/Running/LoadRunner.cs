using System.Collections.Concurrent;
using System.Net;
using TicketCluster.Client;
using TicketCluster.Client.Contracts;
using TicketCluster.LoadGen.Lifecycle;
using TicketCluster.LoadGen.Mix;
using TicketCluster.LoadGen.Schedule;

namespace TicketCluster.LoadGen.Running;

/// <summary>
/// The open-model scheduler. Each intake leaves at its intended time from <see cref="ArrivalSchedule"/>,
/// however many requests are still in flight; the only bound is <see cref="LoadOptions.MaxInFlight"/>,
/// and a request that meets it is not sent but counted as dropped at the generator (so an overloaded
/// generator shows in the report instead of silently offering less). Latency runs from the intended time,
/// not from when the request actually left, which corrects for coordinated omission.
/// <para>A created ticket then walks its <see cref="LifecycleScript"/>: each step is intended a think time
/// after the previous answer, and measured from that intended time. Steps due after the run's end are
/// not sent (counted as follow-ups not sent).</para>
/// </summary>
public sealed class LoadRunner(LoadOptions options, ClientPool clients, TimeProvider time)
{
    private readonly ConcurrentBag<Task> _chains = [];
    private readonly ConcurrentQueue<string> _createdTickets = new();
    private long _startTimestamp;

    public LoadStats Stats { get; } = new();

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed => _startTimestamp == 0 ? TimeSpan.Zero : time.GetElapsedTime(_startTimestamp);

    /// <summary>Ids of tickets the run created, in creation order.</summary>
    public IReadOnlyCollection<string> CreatedTickets => _createdTickets;

    /// <summary>Plays the schedule, then waits up to <see cref="LoadOptions.DrainTimeout"/> for the requests
    /// still in flight. Returns the time the run took.</summary>
    public async Task<TimeSpan> RunAsync(CancellationToken cancellationToken)
    {
        var intakes = new IntakeFactory(options.Mix, options.Seed, RunId(options.Seed, time));
        var scripts = new Random(options.Seed ^ 0x5eed);
        _startTimestamp = time.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            foreach (var intended in ArrivalSchedule.IntendedTimes(options.Profile, options.Rate, options.Duration))
            {
                await WaitUntilAsync(intended, cancellationToken).ConfigureAwait(false);
                var intake = intakes.Next();
                var script = options.FollowUps && intake.Kind != IntakeKind.Duplicate
                    ? LifecycleScript.For(intake.Submission.RequestedOutcome ?? Domain.RequestedOutcome.Refund, intake.Submission.Order.Amount, intake.Submission.Order.Currency, scripts, options.MeanThinkTime)
                    : [];
                _chains.Add(Task.Run(() => ChainAsync(intake, script, intended, stop.Token), CancellationToken.None));
            }

            await WaitUntilAsync(options.Duration, cancellationToken).ConfigureAwait(false);
            stop.CancelAfter(options.DrainTimeout);
            await Task.WhenAll(_chains).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The drain timed out: what is still in flight is abandoned.
        }

        return Elapsed;
    }

    private static string RunId(int seed, TimeProvider time) =>
        FormattableString.Invariant($"lg{time.GetUtcNow().ToUnixTimeSeconds():x}{seed & 0xffff:x}");

    private async Task WaitUntilAsync(TimeSpan intended, CancellationToken cancellationToken)
    {
        var due = intended - Elapsed;
        if (due > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(due, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ChainAsync(PlannedIntake intake, IReadOnlyList<LifecycleStep> script, TimeSpan intended, CancellationToken cancellationToken)
    {
        var severity = LoadMix.NameOf(intake.IntendedSeverity);
        var ticket = await SendAsync(intended, intake: true, severity, async ct =>
        {
            var client = await clients.NextAsync(LoadRole.Channel, null, ct).ConfigureAwait(false);
            var submitted = await client.SubmitTicketAsync(intake.Submission, null, ct).ConfigureAwait(false);
            Stats.Intake(submitted.Outcome);
            if (submitted.Outcome == IntakeOutcome.Created)
            {
                _createdTickets.Enqueue(submitted.Ticket.Id);
            }

            return submitted.Outcome == IntakeOutcome.Created ? submitted.Ticket : null;
        }, cancellationToken).ConfigureAwait(false);

        for (var i = 0; ticket is not null && i < script.Count; i++)
        {
            var step = script[i];
            intended = Elapsed + step.ThinkTime;
            if (intended >= options.Duration || cancellationToken.IsCancellationRequested)
            {
                for (var rest = i; rest < script.Count; rest++)
                {
                    Stats.FollowUpNotSent();
                }

                return;
            }

            await WaitUntilAsync(intended, cancellationToken).ConfigureAwait(false);
            var id = ticket.Id;
            var merchant = ticket.Order.MerchantId;
            ticket = await SendAsync(intended, intake: false, "command", async ct =>
            {
                var client = await clients.NextAsync(step.Role, merchant, ct).ConfigureAwait(false);
                var after = await client.SendAsync(id, step.Command, step.Body, null, ct).ConfigureAwait(false);
                if (step.Command == TicketCommands.Resolve)
                {
                    Stats.Resolved();
                }

                return after;
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one request intended at <paramref name="intended"/>; its answer, or null when it was
    /// dropped, refused or failed (each counted by kind).</summary>
    private async Task<TicketView?> SendAsync(TimeSpan intended, bool intake, string shedClass, Func<CancellationToken, Task<TicketView?>> send, CancellationToken cancellationToken)
    {
        Stats.Offer(intake);
        if (!Stats.TryStart(options.MaxInFlight))
        {
            return null;
        }

        try
        {
            var ticket = await send(cancellationToken).ConfigureAwait(false);
            Stats.Succeed(intake, Elapsed - intended);
            if (ticket is not null)
            {
                Stats.Observe(ticket);
            }

            return ticket;
        }
        catch (TicketClusterProblemException problem)
        {
            Stats.Fail(ErrorKind(problem.StatusCode));
            if (problem.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                Stats.Shed(shedClass);
            }
        }
        catch (HttpRequestException)
        {
            Stats.Fail("network");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Stats.Fail("abandoned at the end");
        }
        catch (OperationCanceledException)
        {
            Stats.Fail("timeout");
        }
#pragma warning disable CA1031 // Anything else is the generator's own fault: counted and shown, never fatal to the run.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Stats.GeneratorError(error);
        }
        finally
        {
            Stats.Finish();
        }

        return null;
    }

    /// <summary>The error kind of an HTTP status, as the report groups them.</summary>
    public static string ErrorKind(HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests => "429 shed",
        HttpStatusCode.ServiceUnavailable => "503 draining",
        HttpStatusCode.Conflict => "409 not allowed",
        HttpStatusCode.PreconditionFailed => "412 stale",
        HttpStatusCode.BadRequest => "400 invalid",
        HttpStatusCode.Unauthorized => "401 unauthorized",
        HttpStatusCode.Forbidden => "403 forbidden",
        HttpStatusCode.NotFound => "404 not found",
        >= HttpStatusCode.InternalServerError => $"{(int)status} server error",
        _ => $"{(int)status} other",
    };
}
