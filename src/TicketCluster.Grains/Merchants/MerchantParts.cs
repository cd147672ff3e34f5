using System.Text;

namespace TicketCluster.Grains.Merchants;

/// <summary>
/// How a merchant's scorecard is split: a ticket's merchant facts go to one of <see cref="Count"/> parts,
/// chosen by a hash of the ticket id, so each part holds the open tickets, watermarks and tallies of about
/// 1/<see cref="Count"/> of the merchant's tickets. A part is written with each batch of its tickets' facts;
/// whole, a busy merchant's state grew with its open tickets and was rewritten in full with every batch
/// (docs/grains.md, "A merchant's scorecard in parts"). The hash is FNV-1a over the id's UTF-8 bytes: it must
/// give the same part on every node and in every version, which <see cref="string.GetHashCode()"/> does not.
/// A ticket keeps the part it was given when it opened (<see cref="Tickets.TicketGrainState.MerchantPart"/>),
/// so a later change of <see cref="Count"/> would only need the merchant's read to cover the old parts too.
/// </summary>
public static class MerchantParts
{
    public const int Count = 16;

    /// <summary>The part of <paramref name="ticketId"/>'s merchant facts, 0 to <see cref="Count"/> − 1.</summary>
    public static int Of(string ticketId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(ticketId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % Count);
    }

    /// <summary>The key of a merchant's part grain: <c>{merchantId}/{part}</c>.</summary>
    public static string Key(string merchantId, int part)
    {
        ArgumentException.ThrowIfNullOrEmpty(merchantId);
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(part, Count);
        return merchantId + "/" + part.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The merchant id of a part grain's key (everything before its last <c>/</c>: a merchant id may
    /// itself hold one).</summary>
    public static string MerchantOf(string partKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(partKey);
        var slash = partKey.LastIndexOf('/');
        return slash > 0 ? partKey[..slash] : throw new ArgumentException($"'{partKey}' is not a merchant part's key.", nameof(partKey));
    }
}
