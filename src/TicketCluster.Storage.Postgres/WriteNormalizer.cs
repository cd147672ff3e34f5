using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Postgres;

/// <summary>Checks a write's arguments before it reaches the database, so a malformed write throws
/// instead of failing the whole batch in the database.</summary>
internal static class WriteNormalizer
{
    /// <summary>The write's registrations, one per name (the last one of a name wins).</summary>
    public static List<ReminderRegistration> Registrations(GrainWrite write)
    {
        var byName = new Dictionary<string, ReminderRegistration>(StringComparer.Ordinal);
        foreach (var registration in write.RegisterReminders)
        {
            if (registration.Period is { } period && period < TimeSpan.FromMicroseconds(1))
            {
                throw new ArgumentException($"Reminder '{registration.Name}' of {write.Grain} has a period of {period}; periods are at least one microsecond.", nameof(write));
            }

            byName[registration.Name] = registration;
        }

        return [.. byName.Values];
    }

    public static void Validate(IReadOnlyList<GrainWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var write in writes)
        {
            ArgumentNullException.ThrowIfNull(write);
            if (write.State is not null)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(write.ExpectedVersion);
            }
        }
    }
}
