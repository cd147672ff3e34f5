using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TicketCluster.LoadGen.Cli;
using TicketCluster.LoadGen.Reporting;
using TicketCluster.Silo.Hosting;

namespace TicketCluster.LoadGen.Tests.EndToEnd;

// A real silo in this process (Kestrel on a loopback port, SQLite in a temporary directory), and the load
// generator's command line run against it for three seconds at a low rate.
public sealed class LoadGenEndToEndTests : IAsyncLifetime
{
    private const string SigningKey = "loadgen-test-signing-key-of-32-characters!";

    private readonly string _directory = Directory.CreateTempSubdirectory("tc-loadgen-").FullName;
    private WebApplication? _silo;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["TicketCluster:DataDirectory"] = Path.Combine(_directory, "data"),
            ["TicketCluster:Storage:Kind"] = "sqlite",
            ["TicketCluster:Auth:SigningKey"] = SigningKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _silo = SiloApp.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.StopAsync();
            await _silo.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown: the temporary directory is left to the OS.
        }
    }

    [Fact]
    public async Task Run_ThreeSecondsAgainstARealSilo_ReportCountsAnsweredRequestsWithOrderedPercentiles()
    {
        var url = _silo!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var reportDirectory = Path.Combine(_directory, "report");
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });

        var exit = await LoadGenCommand.Create(console, TimeProvider.System).Parse(
        [
            "--url", url, "--signing-key", SigningKey, "--duration", "3s", "--rate", "5", "--seed", "7",
            "--think-time", "50ms", "--report-dir", reportDirectory, "--drain-timeout", "20s",
        ]).InvokeAsync();

        Assert.True(exit == 0, output.ToString());
        var report = JsonSerializer.Deserialize<LoadReport>(await File.ReadAllTextAsync(Path.Combine(reportDirectory, ReportWriter.JsonFile)), ReportWriter.JsonOptions)!;
        Assert.Equal(0, report.Generator.Errors);
        Assert.Empty(report.Errors);
        Assert.Equal(0, report.Requests.DroppedAtGenerator);
        Assert.True(report.Requests.Sent >= 15, $"{report.Requests.Sent} requests sent: the schedule offers 15 intakes.");
        Assert.Equal(report.Requests.Sent, report.Requests.Succeeded);
        Assert.Equal(report.Requests.Succeeded, report.Latency.Count);
        Assert.Equal(15, report.IntakeLatency.Count);
        Assert.Equal((15, 15, 5.0), (report.Requests.IntakesOffered, report.Requests.IntakesSucceeded, report.Requests.IntakeOfferedRate));
        Assert.True(report.Tickets.Created + report.Tickets.Merged + report.Tickets.Replayed == 15, output.ToString());
        var l = report.Latency;
        Assert.True(l.P50 > 0 && l.P50 <= l.P90 && l.P90 <= l.P99 && l.P99 <= l.P999 && l.P999 <= l.Max, JsonSerializer.Serialize(l));
        Assert.True(report.CommandLatency.Count > 0, "No follow-up command was answered.");
        Assert.Equal(report.Tickets.Created, report.Cluster.TicketsRead);
        Assert.True(File.Exists(Path.Combine(reportDirectory, ReportWriter.MarkdownFile)));
    }
}
