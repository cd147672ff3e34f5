using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TicketCluster.Benchmarks;

/// <summary>
/// The home-made runtime's figures, frozen in <c>bench/baselines/runtime.json</c> (the run of
/// <c>docs/performance-runtime.md</c>): every section of the report sets its Orleans figures beside them
/// in a column "home-made runtime". Only the figures the report compares are read.
/// </summary>
internal sealed record RuntimeBaseline(
    string Commit,
    string Date,
    RuntimeBaseline.OpensFigures Opens,
    IReadOnlyList<RuntimeBaseline.ReminderRow> Reminders,
    IReadOnlyList<RuntimeBaseline.QuartzRow> Quartz,
    RuntimeBaseline.IntakeFigures Intake,
    RuntimeBaseline.MemoryFigures Memory)
{
    public sealed record Cores(double App, double Postgres, double StealPercent);

    public sealed record OpenRow(string Storage, bool GroupCommit, int? BatchesInFlight, double PerSecond, double P50Ms, double P99Ms, Cores Cores);

    public sealed record PgBenchRow(int Clients, double PerSecond, double MeanMs, Cores Cores);

    public sealed record OpensFigures(int Concurrency, IReadOnlyList<OpenRow> Rows, PgBenchRow Pgbench);

    public sealed record ReminderRow(
        string Storage, string Scenario, int Nodes, string Dispatcher, int Pending, int Due, double FiresPerSecond,
        double LatenessP50Ms, double LatenessP99Ms, double LatenessMaxMs, long Lost, long Duplicated, double CpuMsPerFire);

    public sealed record QuartzRow(string Scenario, string Configuration, int Schedulers, double FiresPerSecond);

    public sealed record IntakeFigures(double BestAchieved, double BestP99Ms);

    public sealed record MemoryFigures(
        double BytesPerActivation, int StoredStateBytes, int TicketsTouched, int ActivationCap, int ActivationsAtEnd, double PeakWorkingSetMiB, double TouchSeconds);

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Where the file lives under the repository root.</summary>
    public static string PathUnder(string repositoryRoot) => Path.Combine(repositoryRoot, "bench", "baselines", "runtime.json");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RuntimeBaseline Load(string path) =>
        JsonSerializer.Deserialize<RuntimeBaseline>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} holds no baseline.");

    /// <summary>The best PostgreSQL opens row (the runtime's own best configuration).</summary>
    public OpenRow BestPostgresOpens => Opens.Rows.Where(r => r.Storage == "PostgreSQL").MaxBy(r => r.PerSecond)!;

    /// <summary>The runtime's backlog row with the deployment settings on one PostgreSQL node.</summary>
    public ReminderRow PostgresBacklog => Reminders.First(r => r.Storage == "PostgreSQL" && r.Nodes == 1 && r.Scenario.StartsWith("backlog", StringComparison.Ordinal));

    /// <summary>The runtime's steady row (due ones spread over a window) on one PostgreSQL node.</summary>
    public ReminderRow PostgresSteady => Reminders.First(r => r.Storage == "PostgreSQL" && r.Nodes == 1 && r.Scenario.StartsWith("steady", StringComparison.Ordinal));

    /// <summary>The runtime's backlog row on <paramref name="nodes"/> PostgreSQL nodes whose turns waited on another
    /// system (its scale-out rows).</summary>
    public ReminderRow PostgresWaitingBacklog(int nodes) =>
        Reminders.First(r => r.Storage == "PostgreSQL" && r.Nodes == nodes && r.Dispatcher.Contains("turns wait", StringComparison.Ordinal));

    /// <summary>A markdown table "measure | Orleans (this run) | home-made runtime".</summary>
    public static string Table(IEnumerable<(string Measure, string Orleans, string Runtime)> rows)
    {
        var s = new StringBuilder();
        s.AppendLine("| measure | Orleans (this run) | home-made runtime |");
        s.AppendLine("|---|---:|---:|");
        foreach (var (measure, orleans, runtime) in rows)
        {
            s.AppendLine(C, $"| {measure} | {orleans} | {runtime} |");
        }

        return s.ToString();
    }

    /// <summary>A number as the report prints it (thousands separated, <paramref name="decimals"/> places).</summary>
    public static string N(double value, int decimals = 0) => value.ToString("N" + decimals.ToString(C), C);
}
