using System.Net;
using System.Text.Json;
using TicketCluster.LoadGen.Reporting;
using TicketCluster.LoadGen.Running;

namespace TicketCluster.LoadGen.Tests.Reporting;

public sealed class ReportTests
{
    private static LoadReport Report() => new(
        new RunSection(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero), "spike", 100, 60, 61.5, ["http://127.0.0.1:8080/"], 1, 1000, true),
        new RequestSection(6100, 6000, 101.7, 100.0, 7000, 6990, 6900, 90, 10, 5, 116.7, 115.0),
        new LatencySection(6900, 12.5, 40, 250, 900, 1200),
        new LatencySection(6000, 12.5, 40, 250, 900, 1200),
        new LatencySection(900, 10, 30, 100, 200, 300),
        new Dictionary<string, long> { ["429 shed"] = 90 },
        new Dictionary<string, long> { ["normal"] = 85, ["serious"] = 5 },
        new GeneratorSection(0, []),
        new TicketSection(6000, 300, 0, 5000, 1000, 3),
        new ClusterSection(200, 0, 4, new Dictionary<string, long> { ["first-response"] = 4 }, new Dictionary<string, long> { ["urgent"] = 4 }, null, ClusterSweep.LatenessNote));

    [Fact]
    public void Markdown_Report_EverySectionWithItsNumbers()
    {
        var md = ReportWriter.Markdown(Report());

        Assert.Contains("| 7000 | 6990 | 6900 | 90 | 10 | 5 | 116.7/s | 115.0/s |", md, StringComparison.Ordinal);
        Assert.Contains("Intakes: offered 6100 (101.7/s), succeeded 6000 (100.0/s).", md, StringComparison.Ordinal);
        Assert.Contains("| all | 6900 | 12.5 | 40 | 250 | 900 | 1200 |", md, StringComparison.Ordinal);
        Assert.Contains("| 429 shed | 90 |", md, StringComparison.Ordinal);
        Assert.Contains("| serious | 5 |", md, StringComparison.Ordinal);
        Assert.Contains("| first-response | 4 |", md, StringComparison.Ordinal);
        Assert.Contains("Reminder lateness: not available.", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_Report_JsonReadsBackEqualInContent()
    {
        var directory = Directory.CreateTempSubdirectory("tc-loadgen-report-").FullName;
        try
        {
            await ReportWriter.WriteAsync(Report(), directory, CancellationToken.None);
            var read = JsonSerializer.Deserialize<LoadReport>(await File.ReadAllTextAsync(Path.Combine(directory, ReportWriter.JsonFile)), ReportWriter.JsonOptions)!;

            Assert.Equal(Report().Requests, read.Requests);
            Assert.Equal(Report().Latency, read.Latency);
            Assert.Equal(90, read.Errors["429 shed"]);
            Assert.Equal(4, read.Cluster.SlaBreachesByClock["first-response"]);
            Assert.True(File.Exists(Path.Combine(directory, ReportWriter.MarkdownFile)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Sample_MoreIdsThanTheSample_EvenlySpread()
    {
        var ids = Enumerable.Range(0, 10).Select(i => $"t{i}").ToList();

        Assert.Equal(["t0", "t2", "t5", "t7"], ClusterSweep.Sample(ids, 4));
        Assert.Equal(ids, ClusterSweep.Sample(ids, 20));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "429 shed")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "503 draining")]
    [InlineData(HttpStatusCode.Conflict, "409 not allowed")]
    [InlineData(HttpStatusCode.InternalServerError, "500 server error")]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, "413 other")]
    public void ErrorKind_Status_GroupedForTheReport(HttpStatusCode status, string kind)
    {
        Assert.Equal(kind, LoadRunner.ErrorKind(status));
    }

    [Fact]
    public void Build_Stats_RatesPerSecondOfThePlannedDuration()
    {
        var stats = new LoadStats();
        for (var i = 0; i < 10; i++)
        {
            stats.Offer(intake: true);
            Assert.True(stats.TryStart(maxInFlight: 100));
            stats.Succeed(intake: true, TimeSpan.FromMilliseconds(i + 1));
            stats.Finish();
        }

        stats.Offer();
        Assert.True(stats.TryStart(maxInFlight: 1));
        stats.Offer();
        Assert.False(stats.TryStart(maxInFlight: 1));
        stats.Fail("timeout");
        stats.Finish();
        var options = new LoadOptions([new Uri("http://127.0.0.1/")], 5, TimeSpan.FromSeconds(4), TicketCluster.LoadGen.Schedule.LoadProfile.Constant, 1, 1, true, TimeSpan.FromSeconds(1), TicketCluster.LoadGen.Mix.LoadMix.Default, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1);

        var report = ReportBuilder.Build(options, stats, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(4), new ClusterSection(0, 0, 0, new Dictionary<string, long>(), new Dictionary<string, long>(), null, ""));

        Assert.Equal(new RequestSection(10, 10, 2.5, 2.5, 12, 11, 10, 1, 1, 0, 3.0, 2.5), report.Requests);
        // 5 ms and 9 ms fall in 32 µs and 64 µs wide buckets, reported by their tops; the top value is the exact max.
        Assert.Equal(new LatencySection(10, 5.023, 9.023, 10, 10, 10), report.Latency);
        Assert.Equal(0, report.CommandLatency.Count);
        Assert.Equal("constant", report.Run.Profile);
    }
}
