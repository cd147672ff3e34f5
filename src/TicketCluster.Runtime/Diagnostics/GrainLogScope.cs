using System.Collections;

namespace TicketCluster.Runtime.Diagnostics;

/// <summary>
/// The logging scope of a grain's turns: <c>Grain</c> (its full id) and <c>{Type}Id</c> (its key under a
/// name derived from its type: <c>TicketId</c> for a ticket grain), so that every line logged inside a
/// turn — by the runtime, the storage or the grain — can be found by the id an operator holds. One
/// instance per activation; structured loggers read it as key/value pairs.
/// </summary>
internal sealed class GrainLogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?> _grain;
    private readonly KeyValuePair<string, object?> _key;

    public GrainLogScope(GrainId grain)
    {
        _grain = new("Grain", grain.ToString());
        _key = new(KeyNameOf(grain.Type), grain.Key);
    }

    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => _key,
        1 => _grain,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary><c>ticket</c> → <c>TicketId</c>, <c>merchant-account</c> → <c>MerchantAccountId</c>.</summary>
    public static string KeyNameOf(string grainType) =>
        string.Concat(grainType.Split('-', '_', '.').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "Id";

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return _key;
        yield return _grain;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{_key.Key}:{_key.Value}";
}
