using System.Text;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Tests.Contract;

/// <summary>
/// The behaviour every <see cref="IGrainStorage"/> promises, run against each database by a subclass
/// that says how to make an empty store, open it, and let time pass. Each test gets an empty store.
/// </summary>
public abstract partial class GrainStorageContractTests : IAsyncLifetime, IDisposable
{
    protected static readonly TimeSpan LongLease = TimeSpan.FromMinutes(5);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private IGrainStorage? _storage;

    protected IGrainStorage Storage => _storage ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Where the test's store lives (a database connection string or a file path).</summary>
    protected string Location { get; private set; } = "";

    /// <summary>Bounds every call, so a hang fails the test instead of the run.</summary>
    protected CancellationToken Ct => _timeout.Token;

    /// <summary>A lease short enough to wait out in a test.</summary>
    protected abstract TimeSpan ShortLease { get; }

    /// <summary>Makes a new, empty store and returns its location.</summary>
    protected abstract Task<string> CreateLocationAsync();

    /// <summary>Opens a storage on a location (without applying the schema).</summary>
    protected abstract IGrainStorage Open(string location);

    /// <summary>The storage's notion of now (the database clock, or the manual clock), whole seconds.</summary>
    protected abstract Task<DateTimeOffset> NowAsync();

    /// <summary>Returns once every lease taken so far has expired by the storage's clock.</summary>
    protected abstract Task WaitForLeasesToExpireAsync();

    public async Task InitializeAsync()
    {
        Location = await CreateLocationAsync();
        _storage = Open(Location);
        await _storage.EnsureSchemaAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }

        await DeleteLocationsAsync();
    }

    /// <summary>Removes the stores the test created (after every storage on them is disposed).</summary>
    protected abstract Task DeleteLocationsAsync();

    public void Dispose()
    {
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the storage and opens a new one on the same location, as a restarted node would.</summary>
    protected async Task ReopenAsync()
    {
        await Storage.DisposeAsync();
        _storage = null;
        _storage = Open(Location);
        await _storage.EnsureSchemaAsync(Ct);
    }

    protected static GrainId Ticket(string key) => new("ticket", key);

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static GrainWrite Write(
        GrainId grain,
        long expected,
        string? state,
        IReadOnlyList<ReminderRegistration>? register = null,
        IReadOnlyList<string>? unregister = null,
        ReminderCompletion? completed = null,
        IReadOnlyList<OutboxMessage>? outbox = null,
        IReadOnlyList<IdempotencyRecord>? keys = null,
        TicketQueryRow? row = null) =>
        new(grain, expected, state is null ? null : Bytes(state), register ?? [], unregister ?? [], completed, outbox ?? [], keys ?? [], row);

    protected static OutboxMessage Message(GrainId source, GrainId target, DateTimeOffset createdAt, string type = "ticket-opened") =>
        new(Guid.NewGuid(), source, target, type, Bytes("{\"n\":1}"), createdAt);

    protected static TicketQueryRow Row(string ticketId, DateTimeOffset at, string status = "open") =>
        new(ticketId, status, "serious", "product-quality", "web-form", "c-1", "m-1", "o-1", "customer-service", "agent-7", 1, at.AddHours(4), at, at, null);

    protected async Task<WriteResult> WriteOneAsync(GrainWrite write) => (await Storage.WriteAsync([write], Ct))[0];

    protected async Task SeedAsync(GrainId grain, string state = "s1") =>
        Assert.Equal(WriteStatus.Committed, (await WriteOneAsync(Write(grain, 0, state))).Status);
}
