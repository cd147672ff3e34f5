using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Benchmarks;

/// <summary>
/// The naive limit: pgbench inserting the same rows as a durable ticket open on Orleans (state, query row,
/// one idempotency key, two rows of Orleans' reminder table), one ticket per transaction, at the same
/// concurrency, against the same server and schema. The pushes an open owes its customer and merchant are
/// in the ticket's state, as an open writes them; the writes of the receivers that follow it are not counted.
/// </summary>
internal static partial class PgBench
{
    public sealed record Result(int Clients, double TransactionsPerSecond, double MeanLatencyMs, CpuSample Cpu);

    public static Task<Result> RunAsync(string connectionString, int clients, TimeSpan duration, int stateBytes) =>
        RunScriptAsync(connectionString, clients, duration, Script(stateBytes));

    /// <summary>Runs pgbench with <paramref name="scriptText"/> as its only transaction script.</summary>
    public static async Task<Result> RunScriptAsync(string connectionString, int clients, TimeSpan duration, string scriptText)
    {
        var script = Path.Combine(Path.GetTempPath(), $"tc-pgbench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script, scriptText);
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var info = new ProcessStartInfo(PostgresBinaries.Find().ProgramPath("pgbench"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[]
            {
                "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(2, clients).ToString(CultureInfo.InvariantCulture),
                "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-f", script,
                "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, builder.Database!,
            })
            {
                info.ArgumentList.Add(argument);
            }

            if (!string.IsNullOrEmpty(builder.Password))
            {
                info.Environment["PGPASSWORD"] = builder.Password;
            }

            var children = CpuSample.PostgresChildren();
            var cpu = CpuSample.Start();
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            // pgbench's backends end after it does: their CPU counts once the postmaster has reaped them.
            await CpuSample.WaitForPostgresChildrenAsync(children, TimeSpan.FromSeconds(5));
            var (tps, latency) = (Tps().Match(output), Latency().Match(output));
            if (process.ExitCode != 0 || !tps.Success || !latency.Success)
            {
                // No rate either when a run ends before its clients completed a transaction (many clients, a
                // short run, a loaded machine): say so with pgbench's own words rather than a parse error.
                throw new InvalidOperationException($"pgbench gave no rate ({process.ExitCode}, {clients} clients, {duration.TotalSeconds:F0} s): {output} {error}");
            }

            return new Result(
                clients,
                double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture),
                double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture),
                cpu());
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Script(int stateBytes) => $$"""
        \set n random(1, 2000000000)
        BEGIN;
        INSERT INTO grain_state (grain_type, grain_key, version, state, updated_at)
          VALUES ('pgbench', :client_id || '-' || :n, 1, convert_to(repeat('x', {{stateBytes}}), 'UTF8'), now()) ON CONFLICT DO NOTHING;
        INSERT INTO ticket_query (ticket_id, status, severity, category, channel, customer_id, merchant_id, order_id,
            department, assignee, escalation_level, next_deadline, created_at, updated_at, resolved_at)
          VALUES ('pgbench-' || :client_id || '-' || :n, 'open', 'normal', 'product-quality', 'app', 'C1', 'M1', 'O1',
            NULL, NULL, 0, now() + interval '24 hours', now(), now(), NULL) ON CONFLICT DO NOTHING;
        INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
          VALUES ('pgbench', 'ticket/' || :client_id || '-' || :n, 'clock:FirstResponse', now() + interval '19 hours', 60000, hashtext(:client_id || '-' || :n), 0),
                 ('pgbench', 'ticket/' || :client_id || '-' || :n, 'clock:Resolution', now() + interval '134 hours', 60000, hashtext(:client_id || '-' || :n), 0)
          ON CONFLICT DO NOTHING;
        INSERT INTO idempotency (scope, key, owner_type, owner_key, created_at)
          VALUES ('channel:app', 'pgbench-' || :client_id || '-' || :n, 'pgbench', :client_id || '-' || :n, now()) ON CONFLICT DO NOTHING;
        COMMIT;
        """;

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex Latency();
}
