using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using TicketCluster.Domain.Messages;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Tickets;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;

namespace TicketCluster.Silo.Api;

/// <summary>Intake, reading a ticket and its audit trail, and every command of the process.</summary>
public static class TicketsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 128;

    /// <summary>Set to <c>true</c> on the answer to a command retried with the same idempotency key.</summary>
    public const string IdempotentReplayedHeader = "Idempotent-Replayed";

    public static RouteGroupBuilder MapTicketsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/v1/tickets").WithTags("Tickets").RequireAuthorization();

        group.MapPost("/", SubmitAsync)
            .WithName("SubmitTicket")
            .WithSummary("Takes an intake from any channel: creates a ticket, replays an earlier intake, or merges into an open ticket.")
            .Accepts<IntakeBody>("application/json")
            .Produces<TicketView>(StatusCodes.Status201Created)
            .Produces<TicketView>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet("/{id}", GetAsync)
            .WithName("GetTicket")
            .WithSummary("The ticket with its deadlines and the commands the caller may send now.")
            .Produces<TicketView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/events", GetEventsAsync)
            .WithName("GetTicketEvents")
            .WithSummary("The ticket's audit trail, in order.")
            .Produces<EventView[]>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/messages", GetMessagesAsync)
            .WithName("GetTicketMessages")
            .WithSummary("The messages to the customer and their delivery (queued, retrying, sent, failed, with attempts). Staff and the ticket's customer side.")
            .Produces<OutboundMessage[]>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        foreach (var route in CommandRoutes.Routes)
        {
            group.MapPost("/{id}/" + route.Name, (string id, HttpContext context, IGrainFactory grains, CancellationToken ct) =>
                    ExecuteAsync(id, route, context, grains, ct))
                .WithName("Ticket" + string.Concat(route.Name.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])))
                .WithSummary($"Sends the {route.Name} command. Roles: {string.Join(", ", route.Roles.Select(Caller.NameOf))}.")
                .Accepts(route.BodyType, "application/json")
                .Produces<TicketView>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        }

        return group;
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext context,
        IntakeProcess intake,
        Telemetry.SiloMetrics metrics,
        TimeProvider time,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        if (Caller.From(context.User) is not { } caller)
        {
            return Problems.Forbidden("The token names no single known role.");
        }

        if (caller.Role is ApiRole.Merchant or ApiRole.Warehouse or ApiRole.Finance)
        {
            return Problems.Forbidden($"The {Caller.NameOf(caller.Role)} role may not submit tickets.");
        }

        if (InvalidIdempotencyKey(idempotencyKey) is { } badKey)
        {
            return badKey;
        }

        var (body, problem) = await ApiBody.ReadAsync<IntakeBody>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = IntakeValidator.Validate(body!, caller.ActorFor(body!.Customer?.Id ?? ""), caller.Submitter, time.GetUtcNow(), out var request);
        foreach (var (field, messages) in IntakeTrust.Check(body, caller.Role))
        {
            errors[field] = errors.TryGetValue(field, out var earlier) ? [.. earlier, .. messages] : messages;
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var result = await intake.SubmitAsync(request!, idempotencyKey, cancellationToken);
        metrics.IntakeTaken(request!.Channel, result);
        if (result.Rejection is { } rejection)
        {
            return Problems.Rejected(rejection, caller);
        }

        // A replay is found only among the caller's own keys; a ticket the caller may not see is never
        // answered, whatever led to it.
        if (result.Kind == IntakeKind.KeyReused || !caller.CanSee(result.Ticket!))
        {
            return Problems.IdempotencyKeyReused();
        }

        var ticket = result.Ticket!;
        context.Response.Headers.ETag = ETagOf(ticket);
        var view = TicketView.For(ticket, caller) with
        {
            Intake = result.Kind switch
            {
                IntakeKind.Created => IntakeOutcome.Created,
                IntakeKind.Merged => IntakeOutcome.Merged,
                _ => IntakeOutcome.Replayed,
            },
        };
        return result.Kind == IntakeKind.Created
            ? Results.Created($"/api/v1/tickets/{Uri.EscapeDataString(ticket.TicketId)}", view)
            : Results.Ok(view);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (await ReadVisibleAsync(id, context, grains) is not ({ } ticket, { } caller))
        {
            return Caller.From(context.User) is null ? Problems.Forbidden("The token names no single known role.") : Problems.NotFound($"No ticket {id}.");
        }

        context.Response.Headers.ETag = ETagOf(ticket);
        return Results.Ok(TicketView.For(ticket, caller));
    }

    private static async Task<IResult> GetEventsAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (await ReadVisibleAsync(id, context, grains) is not ({ } ticket, { } caller))
        {
            return Caller.From(context.User) is null ? Problems.Forbidden("The token names no single known role.") : Problems.NotFound($"No ticket {id}.");
        }

        var events = await grains.GetGrain<ITicketGrain>(ticket.TicketId).GetEventsAsync();
        return Results.Ok(events.Where(e => EventView.IsVisibleTo(e, caller)).Select(e => EventView.For(e, caller)).ToArray());
    }

    /// <summary>A merchant is not shown the customer's messages: as for a ticket it may not see, a 404.</summary>
    private static async Task<IResult> GetMessagesAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (await ReadVisibleAsync(id, context, grains) is not ({ } ticket, { } caller) || caller.Role == ApiRole.Merchant)
        {
            return Caller.From(context.User) is null ? Problems.Forbidden("The token names no single known role.") : Problems.NotFound($"No ticket {id}.");
        }

        return Results.Ok(await grains.GetGrain<ITicketGrain>(ticket.TicketId).GetMessagesAsync());
    }

    private static async Task<IResult> ExecuteAsync(string id, CommandRoute route, HttpContext context, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Caller.From(context.User) is not { } caller)
        {
            return Problems.Forbidden("The token names no single known role.");
        }

        if (!CommandRoutes.MaySend(caller.Role, route))
        {
            return Problems.Forbidden($"The {Caller.NameOf(caller.Role)} role may not send {route.Name}; it is for {string.Join(", ", route.Roles.Select(Caller.NameOf))}.");
        }

        var idempotencyKey = context.Request.Headers[IdempotencyKeyHeader] is { Count: > 0 } header ? header.ToString() : null;
        if (InvalidIdempotencyKey(idempotencyKey) is { } badKey)
        {
            return badKey;
        }

        long? expectedVersion = null;
        if (context.Request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch)
        {
            if (!TryParseETag(ifMatch, out var version))
            {
                return Problems.Validation("If-Match", "must be the ticket's version as returned in ETag, e.g. \"3\"");
            }

            expectedVersion = version;
        }

        // Existence first: a tenant must not learn from a 400 that someone else's ticket exists.
        if (await ReadVisibleAsync(id, context, grains) is not ({ } current, _))
        {
            return Problems.NotFound($"No ticket {id}.");
        }

        var (command, problem) = await ReadCommandAsync(route, context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (CommandValidator.Validate(command!) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        var sent = await CommandFacts.SupplyAsync(command! with { Actor = caller.ActorOn(current) }, other => ReadVisibleAsync(other, context, grains));
        var key = idempotencyKey is null ? null : new CommandKey(caller.Submitter + "\n" + idempotencyKey, RequestFingerprint.Of(route.Name, sent));
        var outcome = await grains.GetGrain<ITicketGrain>(current.TicketId).ExecuteAsync(sent, expectedVersion, key);
        switch (outcome.Replay)
        {
            case TicketOutcome.KeyedReplay.KeyReused:
                return Problems.IdempotencyKeyReused();
            case TicketOutcome.KeyedReplay.Replayed:
                context.Response.Headers[IdempotentReplayedHeader] = "true";
                break;
        }

        if (outcome.IsStale)
        {
            return Problems.PreconditionFailed(outcome.Ticket?.Version ?? 0);
        }

        if (outcome.Rejection is { } rejection)
        {
            return Problems.Rejected(rejection, caller);
        }

        context.Response.Headers.ETag = ETagOf(outcome.Ticket!);
        return Results.Ok(TicketView.For(outcome.Ticket!, caller));
    }

    /// <summary>The command body; a command without fields may be sent with an empty body.</summary>
    private static async Task<(TicketCommand? Command, IResult? Problem)> ReadCommandAsync(CommandRoute route, HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.HasJsonContentType() && string.IsNullOrEmpty(request.ContentType)))
        {
            try
            {
                return ((TicketCommand?)JsonSerializer.Deserialize("{}", route.BodyType, ApiJson.Options), null);
            }
            catch (JsonException exception)
            {
                return (null, Problems.MalformedJson(exception));
            }
        }

        var (value, problem) = await ApiBody.ReadAsync(request, route.BodyType, cancellationToken);
        return ((TicketCommand?)value, problem);
    }

    /// <summary>The ticket and the caller, when the ticket exists and the caller may see it. A merchant or
    /// customer asking for another's ticket is told nothing more than for a missing one. The ticket's one
    /// activation in the cluster holds every acknowledged write, so its answer is current.</summary>
    private static async Task<(TicketState? Ticket, Caller? Caller)> ReadVisibleAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (Caller.From(context.User) is not { } caller || string.IsNullOrWhiteSpace(id) || id.Length > FieldRules.MaxIdLength * 2 || id.Any(char.IsControl))
        {
            return (null, null);
        }

        var ticket = await grains.GetGrain<ITicketGrain>(id).GetAsync();
        return ticket is not null && caller.CanSee(ticket) ? (ticket, caller) : (null, null);
    }

    /// <summary>A 400 for a malformed <c>Idempotency-Key</c>; null for a good one or none.</summary>
    private static IResult? InvalidIdempotencyKey(string? key) =>
        key is not null && (key.Length is 0 or > MaxIdempotencyKeyLength || key.Any(char.IsControl))
            ? Problems.Validation(IdempotencyKeyHeader, $"must be 1 to {MaxIdempotencyKeyLength} printable characters")
            : null;

    private static string ETagOf(TicketState ticket) => $"\"{ticket.Version.ToString(CultureInfo.InvariantCulture)}\"";

    private static bool TryParseETag(string value, out long version)
    {
        var text = value.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return long.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
