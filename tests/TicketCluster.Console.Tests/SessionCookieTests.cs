using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TicketCluster.WebConsole.Session;
using TicketCluster.WebConsole.Tests.Support;

namespace TicketCluster.WebConsole.Tests;

/// <summary>The session cookie's rules as the node configures them.</summary>
public sealed class SessionCookieTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("192.0.2.10", true)]
    [InlineData("2001:db8::10", true)]
    public async Task SigningIn_FromAddress_SecureEverywhereButLoopback(string remote, bool secure)
    {
        var options = browser.Silo.App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(ConsoleAuthentication.Scheme);
        var context = new DefaultHttpContext { RequestServices = browser.Silo.App.Services };
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        var cookie = options.Cookie.Build(context);
        var user = new ConsoleUser(ConsoleUser.Agent, "alice", null, "token");
        var scheme = new AuthenticationScheme(ConsoleAuthentication.Scheme, null, typeof(CookieAuthenticationHandler));

        await options.Events.SigningIn(new CookieSigningInContext(context, scheme, options, user.ToPrincipal(ConsoleAuthentication.Scheme), new AuthenticationProperties(), cookie));

        Assert.Equal(secure, cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, cookie.SameSite);
    }
}
