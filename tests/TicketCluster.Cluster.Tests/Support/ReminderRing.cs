using Npgsql;
using Orleans.Runtime;

namespace TicketCluster.Cluster.Tests.Support;

/// <summary>
/// Which silo's reminder service holds a reminder: Orleans' consistent ring of virtual buckets. Each active
/// silo places <c>bucketsPerSilo</c> buckets (<c>ConsistentRingOptions.NumVirtualBucketsConsistentRing</c>, the
/// node's <c>TicketCluster:Orleans:Reminders:RingBucketsPerSilo</c>) at <see cref="SiloAddress.GetUniformHashCodes"/>;
/// a grain hash belongs to the first bucket at or after it, wrapping round to the first (Orleans'
/// <c>VirtualBucketsRingProvider.CalculateTargetSilo</c>). The grain's hash is the one the reminder table
/// stores beside the row. The count must be the one the nodes run with, or the answer is another silo's.
/// </summary>
public static class ReminderRing
{
    public static SiloAddress OwnerOf(uint grainHash, IReadOnlyList<SiloAddress> active, int bucketsPerSilo)
    {
        var buckets = active
            .SelectMany(silo => silo.GetUniformHashCodes(bucketsPerSilo).Select(hash => (Hash: hash, Silo: silo)))
            .OrderBy(b => b.Hash)
            .ToList();
        return buckets.FirstOrDefault(b => b.Hash >= grainHash).Silo ?? buckets[0].Silo;
    }

    /// <summary>The grain hash of each ticket's reminder named <paramref name="reminder"/>, by ticket id.</summary>
    public static async Task<Dictionary<string, uint>> GrainHashesAsync(string connectionString, string reminder)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT grainid, grainhash FROM orleansreminderstable WHERE remindername = @name", connection);
        command.Parameters.AddWithValue("name", reminder);
        var hashes = new Dictionary<string, uint>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // The grain id is "{type}/{key}"; the table stores the unsigned hash cast to a signed integer.
            var grainId = reader.GetString(0);
            hashes[grainId[(grainId.IndexOf('/', StringComparison.Ordinal) + 1)..]] = unchecked((uint)reader.GetInt32(1));
        }

        return hashes;
    }
}
