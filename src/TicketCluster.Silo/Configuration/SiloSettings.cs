using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using TicketCluster.Domain.Classification;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Sla;

namespace TicketCluster.Silo.Configuration;

/// <summary>Which database holds the grains.</summary>
public enum StorageKind
{
    /// <summary>An embedded SQLite file: one node, the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by every node of the cluster.</summary>
    Postgres,
}

/// <summary>
/// Everything the silo reads from configuration (section <c>TicketCluster</c>; environment variables
/// <c>TICKETCLUSTER__STORAGE__KIND</c> and so on), bound and validated once at start-up by
/// <see cref="Load"/>. An invalid value stops the program with a message naming its key.
/// </summary>
public sealed class SiloSettings
{
    public const string Section = "TicketCluster";

    /// <summary>Where the embedded database and the development signing key live. Default <c>./data</c>.</summary>
    public string DataDirectory { get; init; } = "data";

    public StorageSettings Storage { get; init; } = new();

    public AuthSettings Auth { get; init; } = new();

    public LimitSettings Limits { get; init; } = new();

    public RateLimitSettings RateLimits { get; init; } = new();

    public OrleansSettings Orleans { get; init; } = new();

    /// <summary>The console's production sign-in and shared key ring.</summary>
    public ConsoleSettings Console { get; init; } = new();

    /// <summary>The ticket policy: SLA windows, escalation thresholds, approval thresholds, reopen window, the
    /// per-ticket caps (section <c>TicketLimits</c>) and the business calendars (sections <c>Calendars</c> and
    /// <c>CalendarSelection</c>).</summary>
    public TicketPolicy Policy { get; init; } = TicketPolicy.Default;

    public ClassificationRules Classification { get; init; } = ClassificationRules.Default;

    /// <summary>How much history the customer and merchant grains keep and how often they trim it
    /// (docs/classification.md). Default 400 days, trimmed at most once a day.</summary>
    public PartyRetention PartyRetention { get; init; } = PartyRetention.Default;

    /// <summary>How long a stopping node keeps finishing in-flight work before it gives up. Default 20 s.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The reporting currency and its dated exchange rates (section <c>ExchangeRates</c>); null when
    /// none is configured, and reports then keep every currency apart only.</summary>
    public Domain.Tickets.ExchangeRateTable? ExchangeRates { get; init; }

    /// <summary>Reads and validates the <c>TicketCluster</c> section.</summary>
    /// <exception cref="SiloConfigurationException">A value is missing, malformed or out of range; the
    /// message names each key.</exception>
    public static SiloSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var errors = new List<string>();
        var settings = SettingsBinder.Bind(section, errors);
        if (settings is not null)
        {
            errors.AddRange(settings.Validate());
        }

        return errors.Count == 0 && settings is not null ? settings : throw new SiloConfigurationException(errors);
    }

    /// <summary>Every configuration key the silo's settings read, with the section prefix
    /// (<c>TicketCluster:Storage:Kind</c>); a map is listed as <c>TicketCluster:ApprovalThresholds:*</c>.</summary>
    public static IReadOnlySet<string> ConfigurationKeys => SettingsBinder.Keys();

    /// <summary>The connection string in effect: the configured one, or the embedded file under
    /// <see cref="DataDirectory"/>.</summary>
    public string ConnectionString =>
        Storage.ConnectionString is { Length: > 0 } configured
            ? configured
            : $"Data Source={Path.Combine(DataDirectory, "ticketcluster.db")}";

    private ImmutableArray<string> Validate()
    {
        var errors = ImmutableArray.CreateBuilder<string>();
        if (Storage.Kind == StorageKind.Postgres && string.IsNullOrWhiteSpace(Storage.ConnectionString))
        {
            errors.Add($"{Section}:{nameof(Storage)}:{nameof(StorageSettings.ConnectionString)} is required when {Section}:{nameof(Storage)}:{nameof(StorageSettings.Kind)} is postgres.");
        }

        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add($"{Section}:{nameof(DataDirectory)} must not be empty.");
        }

        if (DrainTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:{nameof(DrainTimeout)} must be positive.");
        }

        errors.AddRange(Storage.Validate($"{Section}:{nameof(Storage)}"));
        errors.AddRange(Auth.Validate($"{Section}:{nameof(Auth)}", Storage.Kind));
        errors.AddRange(Limits.Validate($"{Section}:{nameof(Limits)}"));
        errors.AddRange(RateLimits.Validate($"{Section}:{nameof(RateLimits)}"));
        errors.AddRange(Orleans.Validate($"{Section}:{nameof(Orleans)}"));
        errors.AddRange(Console.Validate($"{Section}:{nameof(Console)}", Auth));
        errors.AddRange(Policy.Validate().Select(e => $"{Section}:{nameof(Policy)}: {e}"));
        errors.AddRange(Policy.Limits.Validate($"{Section}:{SettingsBinder.TicketLimitsSection}"));
        errors.AddRange(Policy.Calendars.Validate($"{Section}:{SettingsBinder.CalendarsSection}", $"{Section}:{SettingsBinder.CalendarSelectionSection}"));
        errors.AddRange(PartyRetention.Validate($"{Section}:{nameof(PartyRetention)}", Classification.RepeatWindow));
        if (Classification.RepeatComplaintThreshold < 1)
        {
            errors.Add($"{Section}:{nameof(Classification)}:{nameof(ClassificationRules.RepeatComplaintThreshold)} must be at least 1.");
        }

        return errors.ToImmutable();
    }
}

public sealed class StorageSettings
{
    public StorageKind Kind { get; init; } = StorageKind.Sqlite;

    /// <summary>For PostgreSQL, required; for SQLite, defaults to <c>DataDirectory/ticketcluster.db</c>.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Whether the silo applies the schema scripts as it starts. Default true. False (PostgreSQL, a
    /// deployment that runs <c>schema apply</c> first): the silo only checks that the database is not behind
    /// this build and stops, exit code 2, if it is. The SQLite node always applies.</summary>
    public bool ApplySchemaOnStart { get; init; } = true;

    /// <summary>How the grain storage groups concurrent writes (<c>TicketCluster:Storage:GroupCommit</c>).</summary>
    public GroupCommitSettings GroupCommit { get; init; } = new();

    internal IEnumerable<string> Validate(string prefix) => GroupCommit.Validate($"{prefix}:{nameof(GroupCommit)}", Kind);
}

/// <summary>The grain storage's group commit (<c>TicketCluster:Storage:GroupCommit</c>; docs/storage.md).</summary>
public sealed class GroupCommitSettings
{
    /// <summary>False: every write is its own transaction. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The most writes in one batch, 1 to 10,000. Default 64.</summary>
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>How long a batch waits for more writes, zero to one second. Default zero (a batch holds what
    /// queued while the previous one was in flight).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Batches in flight at once, each on its own connection, 1 to 64; null for the database's
    /// default (PostgreSQL 2, SQLite 1). SQLite has one writer: only 1.</summary>
    public int? MaxBatchesInFlight { get; init; }

    /// <summary>Applies these settings to the storage's options (its defaults where unset).</summary>
    public void ApplyTo(Storage.Commit.GroupCommitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Enabled = Enabled;
        options.MaxBatchSize = MaxBatchSize;
        options.MaxDelay = MaxDelay;
        options.MaxBatchesInFlight = MaxBatchesInFlight ?? options.MaxBatchesInFlight;
    }

    internal IEnumerable<string> Validate(string prefix, StorageKind kind)
    {
        if (MaxBatchSize is < 1 or > 10_000)
        {
            yield return $"{prefix}:{nameof(MaxBatchSize)} must lie between 1 and 10000.";
        }

        if (MaxDelay < TimeSpan.Zero || MaxDelay > TimeSpan.FromSeconds(1))
        {
            yield return $"{prefix}:{nameof(MaxDelay)} must lie between 00:00:00 and 00:00:01.";
        }

        if (MaxBatchesInFlight is < 1 or > 64)
        {
            yield return $"{prefix}:{nameof(MaxBatchesInFlight)} must lie between 1 and 64.";
        }
        else if (MaxBatchesInFlight > 1 && kind == StorageKind.Sqlite)
        {
            yield return $"{prefix}:{nameof(MaxBatchesInFlight)} must be 1 on SQLite (one writer).";
        }
    }
}

/// <summary>Limits that protect the node: body size and admission of in-flight work.</summary>
public sealed class LimitSettings
{
    /// <summary>The largest request body accepted (HTTP 413 beyond). Default 64 KiB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 64 * 1024;

    /// <summary>In-flight requests at which normal intake is refused with 429. Serious intake is refused at
    /// 125 % of it, urgent intake at 150 %. Default 2,000.</summary>
    public int MaxInFlight { get; init; } = 2_000;

    /// <summary>The <c>Retry-After</c> a shed request is given. Default 1 s.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    internal IEnumerable<string> Validate(string prefix)
    {
        if (MaxRequestBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            yield return $"{prefix}:{nameof(MaxRequestBodyBytes)} must lie between 1024 and 16777216.";
        }

        if (MaxInFlight < 1)
        {
            yield return $"{prefix}:{nameof(MaxInFlight)} must be at least 1.";
        }

        if (RetryAfter < TimeSpan.FromSeconds(1))
        {
            yield return $"{prefix}:{nameof(RetryAfter)} must be at least one second.";
        }
    }
}

/// <summary>Configuration that cannot run; <see cref="Exception.Message"/> names every offending key.</summary>
public sealed class SiloConfigurationException : Exception
{
    public SiloConfigurationException(IReadOnlyList<string> errors)
        : base("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
    {
        Errors = errors;
    }

    public SiloConfigurationException()
        : this([])
    {
    }

    public SiloConfigurationException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public SiloConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; } = [];
}
