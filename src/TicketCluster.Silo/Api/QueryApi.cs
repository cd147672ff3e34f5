using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Reports;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Configuration;
using TicketCluster.Storage;

namespace TicketCluster.Silo.Api;

/// <summary>
/// Reading across tickets: work queues, a customer's profile, a merchant's scorecard, the summary report.
/// Lists and the report read the ticket query table (docs/storage.md); profiles and scorecards are their
/// grains' state.
/// </summary>
public static class QueryApi
{
    /// <summary>The longest range of one summary report (it reads every ticket row of the range).</summary>
    public static readonly TimeSpan MaxReportRange = TimeSpan.FromDays(366);

    /// <summary>The longest range of one corrections or root-cause report (it reads every ticket of the range).</summary>
    public static readonly TimeSpan MaxCorrectionsRange = TimeSpan.FromDays(31);

    // Who may read a report: staff who run the desk; the cost report also finance, who settles it.
    private static readonly ApiRole[] DeskRoles = [ApiRole.Admin, ApiRole.Supervisor];
    private static readonly ApiRole[] FinanceToo = [ApiRole.Admin, ApiRole.Supervisor, ApiRole.Finance];

    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapGroup("/api/v1/tickets").WithTags("Tickets").RequireAuthorization()
            .MapGet("/", ListAsync)
            .WithName("ListTickets")
            .WithMetadata(new AcceptedQuery(QueryParameters.ListParameters))
            .WithSummary("A work queue: tickets matching every filter given, most urgent deadline first (or newest first), one page at a time. Merchants and customers see only their own.")
            .Produces<TicketListView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        endpoints.MapGroup("/api/v1/customers").WithTags("Customers").RequireAuthorization()
            .MapGet("/{id}", GetCustomerAsync)
            .WithName("GetCustomer")
            .WithSummary("A customer's open and past tickets and repeat flags. Staff, or the customer.")
            .Produces<CustomerProfileView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapGroup("/api/v1/merchants").WithTags("Merchants").RequireAuthorization()
            .MapGet("/{id}", GetMerchantAsync)
            .WithName("GetMerchant")
            .WithSummary("A merchant's scorecard. Staff, or the merchant.")
            .Produces<MerchantScorecardView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization()
            .MapGet("/summary", SummaryAsync)
            .WithName("GetSummaryReport")
            .WithMetadata(new AcceptedQuery(QueryParameters.ReportParameters))
            .WithSummary("Counts, SLA compliance, handling times, satisfaction, repeat complaints and escalations of the tickets created in [from, to) (at most 366 days, both within 2000–2200). Admin and supervisor.")
            .Produces<TicketSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        endpoints.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization()
            .MapGet("/root-causes", RootCausesAsync)
            .WithName("GetRootCauseReport")
            .WithMetadata(new AcceptedQuery(QueryParameters.ReportParameters))
            .WithSummary("Root causes of the tickets created in [from, to) (at most 31 days) that were resolved with one, counted by category and by merchant, with every corrective action. Admin and supervisor.")
            .Produces<RootCauseReport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        endpoints.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization()
            .MapGet("/merchant-costs", MerchantCostsAsync)
            .WithName("GetMerchantCostReport")
            .WithMetadata(new AcceptedQuery(QueryParameters.ReportParameters))
            .WithSummary("What each merchant pays and receives on the tickets created in [from, to) (at most 31 days): their money lines summed per merchant and per currency, never converted. Admin and supervisor.")
            .Produces<MerchantCostReport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        endpoints.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization()
            .MapGet("/classification-corrections", CorrectionsAsync)
            .WithName("GetClassificationCorrections")
            .WithSummary("Every change-severity and change-category on the tickets created in [from, to), each with the classification the ticket opened with and its reasons. Admin and supervisor.")
            .Produces<ClassificationCorrectionReport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext context, ITicketQueries queries, CancellationToken cancellationToken)
    {
        if (Caller.From(context.User) is not { } caller)
        {
            return Problems.Forbidden("The token names no single known role.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = QueryParameters.ParseList(context.Request.Query, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        switch (caller.Role)
        {
            case ApiRole.Merchant:
                if (Narrow(query.MerchantId, caller.MerchantId!, "merchantId", "A merchant lists only its own tickets") is { } merchantProblem)
                {
                    return merchantProblem;
                }

                if (query.CustomerId is not null || query.Assignee is not null || query.Escalated is not null)
                {
                    return Problems.Forbidden("A merchant may not filter by customerId, assignee or escalated: its ticket view has none of them.");
                }

                query = query with { MerchantId = caller.MerchantId };
                break;
            case ApiRole.Customer:
                if (Narrow(query.CustomerId, caller.CustomerId!, "customerId", "A customer lists only their own tickets") is { } customerProblem)
                {
                    return customerProblem;
                }

                query = query with { CustomerId = caller.CustomerId };
                break;
            case var _ when caller.IsStaff:
                break;
            default:
                return Problems.Forbidden($"The {Caller.NameOf(caller.Role)} role may not list tickets.");
        }

        try
        {
            return Results.Ok(TicketListView.For(await queries.QueryTicketsAsync(query, cancellationToken), caller));
        }
        catch (InvalidCursorException)
        {
            return Problems.Validation("cursor", "is not a cursor this list returned for this sort; start again without it");
        }
    }

    private static async Task<IResult> GetCustomerAsync(
        string id,
        HttpContext context,
        IGrainFactory grains,
        SiloSettings settings,
        TimeProvider time)
    {
        if (Caller.From(context.User) is not { } caller)
        {
            return Problems.Forbidden("The token names no single known role.");
        }

        if (!caller.IsStaff && caller.Role != ApiRole.Customer)
        {
            return Problems.Forbidden($"The {Caller.NameOf(caller.Role)} role may not read customer profiles.");
        }

        // Another customer's profile is answered as if it did not exist, like another's ticket.
        if (!IsId(id) || (caller.Role == ApiRole.Customer && caller.CustomerId != id))
        {
            return Problems.NotFound($"No customer {id}.");
        }

        var profile = await grains.GetGrain<ICustomerGrain>(id).GetAsync();
        var rules = settings.Classification;
        return Results.Ok(CustomerProfileView.For(profile, time.GetUtcNow(), rules.RepeatWindow, rules.RepeatComplaintThreshold));
    }

    private static async Task<IResult> GetMerchantAsync(string id, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        if (Caller.From(context.User) is not { } caller)
        {
            return Problems.Forbidden("The token names no single known role.");
        }

        if (!caller.IsStaff && caller.Role != ApiRole.Merchant)
        {
            return Problems.Forbidden($"The {Caller.NameOf(caller.Role)} role may not read merchant scorecards.");
        }

        if (!IsId(id) || (caller.Role == ApiRole.Merchant && caller.MerchantId != id))
        {
            return Problems.NotFound($"No merchant {id}.");
        }

        var scorecard = await grains.GetGrain<IMerchantGrain>(id).GetAsync();
        return Results.Ok(MerchantScorecardView.For(scorecard, time.GetUtcNow()));
    }

    private static Task<IResult> SummaryAsync(HttpContext context, ITicketQueries queries, CancellationToken cancellationToken) =>
        ReportAsync(context, MaxReportRange, async (from, to) => await TicketReports.SummarizeAsync(queries.ReadTicketRowsCreatedAsync, from, to, cancellationToken));

    private static Task<IResult> RootCausesAsync(HttpContext context, ITicketQueries queries, IGrainFactory grains, CancellationToken cancellationToken) =>
        ReportAsync(context, MaxCorrectionsRange, async (from, to) => await RootCauseReport.ReadAsync(queries, grains, from, to, cancellationToken));

    private static Task<IResult> MerchantCostsAsync(HttpContext context, ITicketQueries queries, IGrainFactory grains, SiloSettings settings, CancellationToken cancellationToken) =>
        ReportAsync(context, MaxCorrectionsRange, async (from, to) => await MerchantCostReport.ReadAsync(queries, grains, from, to, settings.ExchangeRates, cancellationToken), FinanceToo);


    private static Task<IResult> CorrectionsAsync(HttpContext context, ITicketQueries queries, IGrainFactory grains, CancellationToken cancellationToken) =>
        ReportAsync(context, MaxCorrectionsRange, async (from, to) => await ClassificationCorrectionReport.ReadAsync(queries, grains, from, to, cancellationToken));

    /// <summary>A report over [from, to): admin and supervisor only, the range checked against <paramref name="maxRange"/>.</summary>
    private static async Task<IResult> ReportAsync(HttpContext context, TimeSpan maxRange, Func<DateTimeOffset, DateTimeOffset, Task<object>> read, ApiRole[]? roles = null)
    {
        roles ??= DeskRoles;
        if (Caller.From(context.User) is not { } caller)
        {
            return Problems.Forbidden("The token names no single known role.");
        }

        if (!roles.Contains(caller.Role))
        {
            return Problems.Forbidden($"The {Caller.NameOf(caller.Role)} role may not read this report; it is for {string.Join(", ", roles.Select(Caller.NameOf))}.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (from, to) = QueryParameters.ParseReport(context.Request.Query, maxRange, errors);
        return errors.Count > 0 ? Problems.Validation(errors) : Results.Ok(await read(from, to));
    }

    /// <summary>A tenant's own id may be repeated in the filter; anyone else's is refused.</summary>
    private static IResult? Narrow(string? requested, string own, string parameter, string rule) =>
        requested is null || requested == own ? null : Problems.Forbidden($"{rule}: {parameter} must be your own or left out.");

    private static bool IsId(string id) =>
        FieldRules.IsId(id);
}
