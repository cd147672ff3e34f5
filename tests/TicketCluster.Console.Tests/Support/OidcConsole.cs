using System.Net.Http.Headers;
using System.Net.Http.Json;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.WebConsole.Tests.Support;

/// <summary>
/// A node in Production whose API trusts the fake provider (<c>Auth:Authority</c>) and whose console signs
/// in there (<c>Console:Oidc:*</c>), with Chromium: shared by a test class. The node has no signing key:
/// every token it accepts is the provider's.
/// </summary>
public sealed class OidcConsole : ConsoleBrowser
{
    public FakeOidcProvider Provider { get; private set; } = default!;

    protected override async Task<TestSilo> StartSiloAsync()
    {
        Provider = await FakeOidcProvider.StartAsync();
        return await TestSilo.StartSqliteAsync(new Dictionary<string, string?>
        {
            ["TicketCluster:Auth:SigningKey"] = null,
            ["TicketCluster:Auth:Authority"] = Provider.Issuer,
            ["TicketCluster:Auth:Issuer"] = Provider.Issuer,
            ["TicketCluster:Console:Oidc:ClientId"] = FakeOidcProvider.ClientId,
            ["TicketCluster:Console:Oidc:ClientSecret"] = FakeOidcProvider.ClientSecret,
            ["TicketCluster:Console:Oidc:Scopes"] = "ticketcluster-api offline_access",
        });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }

    /// <summary>Opens a ticket through the API as a channel gateway holding a token of the provider; its id.</summary>
    public async Task<string> OpenTicketAsync(string merchantId, string customerId, string orderId)
    {
        using var gateway = new HttpClient { BaseAddress = Silo.BaseAddress };
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Provider.AccessToken(new FakeUser("web", ["channel"])));
        var response = await gateway.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: customerId, merchantId: merchantId, orderId: orderId));
        response.EnsureSuccessStatusCode();
        var ticket = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>(ApiJson.Options);
        return ticket!["id"].ToString()!;
    }
}
