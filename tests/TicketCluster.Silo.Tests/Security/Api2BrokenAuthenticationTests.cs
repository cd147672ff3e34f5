using System.Net;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>
/// OWASP API2:2023 Broken Authentication. A token the node must not accept (expired, for another audience
/// or issuer, living too long, without <c>exp</c>, unsigned, signed with another key) is answered 401 with
/// the stable <c>unauthorized</c> problem and a bare <c>WWW-Authenticate</c> that does not say why, and
/// the intake it carried created nothing.
/// </summary>
public sealed class Api2BrokenAuthenticationTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    private readonly TestSilo _silo = node.Silo;

    public static TheoryData<string> Refused => new()
    {
        "expired",
        "wrong-audience",
        "wrong-issuer",
        "ten-year-lifetime",
        "over-maximum-lifetime",
        "no-exp",
        "alg-none",
        "wrong-key",
        "not-a-token",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Intake_RefusedToken_Answers401WithStableProblemAndCreatesNothing(string kind)
    {
        var customer = "c-" + kind;
        var client = HostileTokens.ClientWith(_silo, TokenOf(kind));

        var response = await client.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: customer));

        var body = await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer error=\"invalid_token\"", string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString())));
        var text = body.GetRawText();
        foreach (var leak in new[] { "expired", "audience", "issuer", "signature", "lifetime", "IDX" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.OrdinalIgnoreCase);
        }

        var list = await _silo.Client(ApiRole.Admin).GetAsync($"/api/v1/tickets?customerId={customer}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("\"items\":[]", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WithoutToken_Answers401WithBareBearerChallenge()
    {
        var response = await _silo.Anonymous().GetAsync("/api/v1/tickets/tk-none");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task Read_TokenAtTheMaximumLifetime_IsAccepted()
    {
        var client = HostileTokens.ClientWith(_silo, HostileTokens.Lasting(TimeSpan.FromHours(24)));

        var response = await client.GetAsync("/api/v1/tickets/tk-none");

        await ProblemAssert.IsAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    private static string TokenOf(string kind)
    {
        var now = DateTime.UtcNow;
        return kind switch
        {
            "expired" => HostileTokens.Token(now.AddHours(-3), now.AddHours(-3), now.AddHours(-2)),
            "wrong-audience" => HostileTokens.Token(now, now, now.AddHours(1), audience: "another-api"),
            "wrong-issuer" => HostileTokens.Token(now, now, now.AddHours(1), issuer: "someone-else"),
            "ten-year-lifetime" => HostileTokens.Lasting(TimeSpan.FromDays(3650)),
            "over-maximum-lifetime" => HostileTokens.Lasting(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(5)),
            "no-exp" => HostileTokens.Token(now, now, expires: null),
            "alg-none" => HostileTokens.WithoutSignature(),
            "wrong-key" => HostileTokens.Token(now, now, now.AddHours(1), key: System.Text.Encoding.UTF8.GetBytes("another-key-of-at-least-32-characters-long!")),
            _ => "not.a.token",
        };
    }
}
