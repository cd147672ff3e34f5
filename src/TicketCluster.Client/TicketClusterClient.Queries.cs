using System.Globalization;
using TicketCluster.Client.Contracts;

namespace TicketCluster.Client;

// Work queues, customer profiles, merchant scorecards and the summary report.
public sealed partial class TicketClusterClient
{
    /// <summary>One page of a work queue, most urgent deadline first unless the filter sorts otherwise.
    /// A merchant or customer caller sees only its own tickets whatever the filter says.</summary>
    public async Task<TicketListPage> ListTicketsAsync(TicketListFilter? filter = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                query.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        filter ??= new TicketListFilter();
        Add("status", filter.Status);
        Add("severity", filter.Severity);
        Add("category", filter.Category);
        Add("channel", filter.Channel);
        Add("merchantId", filter.MerchantId);
        Add("customerId", filter.CustomerId);
        Add("assignee", filter.Assignee);
        Add("escalated", filter.Escalated is { } escalated ? (escalated ? "true" : "false") : null);
        Add("outcome", filter.Outcome);
        Add("dueBefore", filter.DueBefore?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        Add("sort", filter.Sort);
        Add("limit", filter.Limit?.ToString(CultureInfo.InvariantCulture));
        Add("cursor", cursor);
        using var request = new HttpRequestMessage(HttpMethod.Get, TicketsPath + (query.Count == 0 ? "" : "?" + string.Join('&', query)));
        return await SendAsync<TicketListPage>(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every ticket of a work queue, page after page.</summary>
    public async IAsyncEnumerable<TicketListItem> ListAllTicketsAsync(
        TicketListFilter? filter = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListTicketsAsync(filter, cursor, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    public async Task<CustomerProfileView> GetCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/customers/" + Uri.EscapeDataString(customerId));
        return await SendAsync<CustomerProfileView>(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MerchantScorecardView> GetMerchantAsync(string merchantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(merchantId);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/merchants/" + Uri.EscapeDataString(merchantId));
        return await SendAsync<MerchantScorecardView>(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The summary report over tickets created in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<SummaryReport> GetSummaryAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        static string Time(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/reports/summary?from={Time(from)}&to={Time(to)}");
        return await SendAsync<SummaryReport>(request, cancellationToken).ConfigureAwait(false);
    }
}
