using System.Net;
using Npgsql;
using Orleans.Runtime;

namespace TicketCluster.Cluster.Tests.Support;

/// <summary>One row of Orleans' membership table (<c>orleansmembershiptable</c>): a silo generation, its
/// status as the cluster decided it, and its last "I am alive".</summary>
public sealed record Member(SiloAddress Address, SiloStatus Status, DateTimeOffset IAmAlive)
{
    public static async Task<IReadOnlyList<Member>> ReadAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT address, port, generation, status, iamalivetime FROM orleansmembershiptable WHERE deploymentid = @cluster",
            connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        var members = new List<Member>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            members.Add(new Member(
                SiloAddress.New(IPAddress.Parse(reader.GetString(0)), reader.GetInt32(1), reader.GetInt32(2)),
                (SiloStatus)reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return members;
    }

    /// <summary>The generations of the silo listening on <paramref name="siloPort"/>, newest first.</summary>
    public static IEnumerable<Member> Of(IEnumerable<Member> members, int siloPort) =>
        members.Where(m => m.Address.Endpoint.Port == siloPort).OrderByDescending(m => m.Address.Generation);
}
