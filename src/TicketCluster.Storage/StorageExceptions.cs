using System.Data.Common;
using Orleans.Runtime;

namespace TicketCluster.Storage;

/// <summary>
/// A state write recorded an intake key that another grain owns: the write failed alone and nothing of
/// it was committed (the state, its query row and its other keys are as before). Crosses grain calls.
/// </summary>
[GenerateSerializer]
public sealed class DuplicateIntakeKeyException : OrleansException
{
    public DuplicateIntakeKeyException()
    {
    }

    public DuplicateIntakeKeyException(string message)
        : base(message)
    {
    }

    public DuplicateIntakeKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="Scope">The key's scope.</param>
    /// <param name="Key">The key.</param>
    /// <param name="OwnerGrainId">The owner, as Orleans spells a grain id (<c>ticket/tk-1</c>).</param>
    public DuplicateIntakeKeyException(string Scope, string Key, string OwnerGrainId)
        : base($"The key '{Key}' of scope '{Scope}' is recorded by {OwnerGrainId}.")
    {
        this.Scope = Scope;
        this.Key = Key;
        this.OwnerGrainId = OwnerGrainId;
    }

    [Id(0)]
    public string Scope { get; private set; } = "";

    [Id(1)]
    public string Key { get; private set; } = "";

    /// <summary>The grain that recorded the key, as Orleans spells a grain id (<c>ticket/tk-1</c>).</summary>
    [Id(2)]
    public string OwnerGrainId { get; private set; } = "";
}

/// <summary>
/// The database failed a state read or write (unreachable, a lost connection, a deadlock, a missing
/// table): a write's fate is then unknown, so its grain reloads the state before it goes on. Carries the
/// driver error's message and SQLSTATE, not the driver's exception, which cannot cross a grain call.
/// </summary>
[GenerateSerializer]
public sealed class StorageUnavailableException : OrleansException
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The SQLSTATE of the driver's error, when it had one.</summary>
    [Id(0)]
    public string? SqlState { get; private set; }

    /// <summary>The exception for a driver's error: its message and SQLSTATE, without the driver's
    /// exception itself.</summary>
    public static StorageUnavailableException From(DbException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new StorageUnavailableException($"The database failed: {error.Message}") { SqlState = error.SqlState };
    }
}
