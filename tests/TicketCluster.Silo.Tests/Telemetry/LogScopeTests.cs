using System.Net;
using Microsoft.Extensions.Logging;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Telemetry;

/// <summary>Every line logged about a ticket carries its id as the structured property <c>TicketId</c>.</summary>
public sealed class LogScopeTests
{
    [Fact]
    public async Task Lines_AboutATicket_CarryTicketIdInRequestsAndGrainCalls()
    {
        var capture = new LogCapture();
        await using var silo = await TestSilo.StartSqliteAsync(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:TicketCluster"] = "Debug",
                ["Logging:LogLevel:Microsoft.AspNetCore.Routing"] = "Debug",
            },
            b => b.Logging.AddProvider(capture));
        var created = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint());
        var id = (await created.ReadAsync<TicketView>()).Id;

        var read = await silo.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{id}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var grainLines = capture.Lines.Where(l => l.Category.StartsWith("TicketCluster", StringComparison.Ordinal) && l.Message.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(grainLines);
        Assert.All(grainLines, l => Assert.Equal(id, l.Scope.GetValueOrDefault("TicketId")));
        Assert.Contains(grainLines, l => l.Scope.GetValueOrDefault("Grain") == "ticket/" + id);
        Assert.Contains(capture.Lines, l => l.Category.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal)
            && l.Message.Contains("/api/v1/tickets/{id}", StringComparison.Ordinal)
            && l.Scope.GetValueOrDefault("TicketId") == id);
    }
}
