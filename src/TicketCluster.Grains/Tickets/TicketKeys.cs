using System.Collections.Immutable;
using TicketCluster.Domain;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// The idempotency keys of intakes: the gateway's <c>Idempotency-Key</c> and the channel's own message
/// id, each in its submitter's own scope, so a key names an intake only among its submitter's.
/// </summary>
public static class TicketKeys
{
    /// <summary>Idempotency scope of the <c>Idempotency-Key</c> header of intakes by
    /// <paramref name="submitter"/>.</summary>
    public static string IntakeKeyScope(string submitter) => "intake:" + submitter;

    /// <summary>Idempotency scope of a channel's own message id, per channel and submitter.</summary>
    public static string ChannelScope(Channel channel, string submitter) => "channel:" + TicketQueryRows.Kebab(channel) + ":" + submitter;

    /// <summary>The key of <see cref="TicketGrainState.IntakeFingerprints"/> for an intake key.</summary>
    public static string IntakeKeyId(string submitter, string idempotencyKey) => IntakeKeyScope(submitter) + "\n" + idempotencyKey;

    /// <summary>The idempotency keys an intake records: its channel message id (<paramref name="externalId"/>)
    /// and the gateway's key, both in the submitter's own scopes; none without <paramref name="keys"/>.</summary>
    public static ImmutableArray<IntakeKey> Of(Channel channel, string? externalId, IntakeKeys? keys)
    {
        if (keys is null)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<IntakeKey>();
        if (!string.IsNullOrEmpty(externalId))
        {
            result.Add(new IntakeKey(ChannelScope(channel, keys.Submitter), externalId));
        }

        if (!string.IsNullOrEmpty(keys.IdempotencyKey))
        {
            result.Add(new IntakeKey(IntakeKeyScope(keys.Submitter), keys.IdempotencyKey));
        }

        return result.ToImmutable();
    }
}

/// <summary>An idempotency key of an intake in its scope (<see cref="TicketKeys"/>).</summary>
public sealed record IntakeKey(string Scope, string Key);
