using System.Globalization;
using Npgsql;

namespace TicketCluster.Benchmarks;

/// <summary>What the numbers were measured on.</summary>
internal sealed record Machine(int Cores, string Memory, string Os, string Runtime, string Postgres)
{
    public static async Task<Machine> DescribeAsync(string postgresConnectionString)
    {
        await using var connection = new NpgsqlConnection(postgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        var version = (string)(await command.ExecuteScalarAsync())!;
        return new Machine(
            Environment.ProcessorCount,
            MemoryTotal(),
            System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            "PostgreSQL " + version);
    }

    private static string MemoryTotal()
    {
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        if (line is null)
        {
            return "unknown";
        }

        var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return $"{kib / 1024.0 / 1024.0:F1} GiB";
    }
}
