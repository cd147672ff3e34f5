using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Hosting;
using TicketCluster.Grains.Tickets;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Hosting;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Hosting;

public sealed class ConfigurationTests
{
    [Fact]
    public void Load_Empty_GivesTheEmbeddedDefault()
    {
        var settings = SiloSettings.Load(Configuration([]));

        Assert.Equal(StorageKind.Sqlite, settings.Storage.Kind);
        Assert.Equal($"Data Source={Path.Combine("data", "ticketcluster.db")}", settings.ConnectionString);
        Assert.Equal(TimeSpan.FromHours(1), settings.Policy.Sla.FirstResponseUrgent);
        Assert.Equal(TimeSpan.FromHours(24), settings.Auth.MaxTokenLifetime);
        Assert.Equal((TimeSpan.FromMinutes(1), 6_000, 120_000, 6_000), (settings.RateLimits.Window, settings.RateLimits.PermitsPerWindow, settings.RateLimits.ServicePermitsPerWindow, settings.RateLimits.UrgentIntakePermitsPerWindow));
    }

    [Fact]
    public void Load_PolicyAndLimits_AreBound()
    {
        var settings = SiloSettings.Load(Configuration(new()
        {
            ["TicketCluster:Sla:FirstResponseNormal"] = "00:00:02",
            ["TicketCluster:Escalation:SecondLevelFactor"] = "3",
            ["TicketCluster:ApprovalThresholds:CNY"] = "500",
            ["TicketCluster:Classification:RepeatComplaintThreshold"] = "5",
            ["TicketCluster:Classification:DefaultCategory"] = "logistics",
            ["TicketCluster:Limits:MaxInFlight"] = "10",
            ["TicketCluster:TicketLimits:MaxEvidence"] = "40",
            ["TicketCluster:TicketLimits:MaxContentLength"] = "20000",
            ["TicketCluster:PartyRetention:History"] = "200.00:00:00",
        }));

        Assert.Equal(TimeSpan.FromDays(200), settings.PartyRetention.History);
        Assert.Equal(PartyRetention.Default.TrimInterval, settings.PartyRetention.TrimInterval);

        Assert.Equal(TimeSpan.FromSeconds(2), settings.Policy.Sla.FirstResponseNormal);
        Assert.Equal(3.0, settings.Policy.Escalation.SecondLevelFactor);
        Assert.Equal(500m, settings.Policy.ApprovalThresholds["CNY"]);
        Assert.False(settings.Policy.ApprovalThresholds.ContainsKey("USD"));
        Assert.Equal(5, settings.Classification.RepeatComplaintThreshold);
        Assert.Equal(TicketCategory.Logistics, settings.Classification.DefaultCategory);
        Assert.Equal(10, settings.Limits.MaxInFlight);
        Assert.Equal(40, settings.Policy.Limits.MaxEvidence);
        Assert.Equal(20_000, settings.Policy.Limits.MaxContentLength);
        Assert.Equal(TicketLimits.Default.MaxNotes, settings.Policy.Limits.MaxNotes);
    }

    [Fact]
    public void Load_ReturnPolicies_BoundPerMarketplaceOverTheBuiltInOnes()
    {
        var settings = SiloSettings.Load(Configuration(new()
        {
            ["TicketCluster:ReturnPolicies:cn:NoReasonReturn"] = "10.00:00:00",
            ["TicketCluster:ReturnPolicies:cn:StatutoryReturn"] = "none",
            ["TicketCluster:ReturnPolicies:uk:Withdrawal"] = "14.00:00:00",
        }));

        var policies = settings.Policy.ReturnPolicies;
        Assert.Equal(TimeSpan.FromDays(10), policies["cn"].NoReasonReturn);
        Assert.Null(policies["cn"].StatutoryReturn);
        Assert.Equal(TimeSpan.FromDays(15), policies["cn"].StatutoryReplace);
        Assert.Equal(TimeSpan.FromDays(14), policies["uk"].Withdrawal);
        Assert.Null(policies["uk"].NoReasonReturn);
        Assert.Equal(TimeSpan.FromDays(14), policies["eu"].Withdrawal);
    }

    [Theory]
    [InlineData("TicketCluster:Storage:Kind", "oracle", "TicketCluster:Storage:Kind")]
    [InlineData("TicketCluster:Sla:FirstResponseUrgent", "soon", "TicketCluster:Sla:FirstResponseUrgent")]
    [InlineData("TicketCluster:Sla:ResolutionNormal", "-01:00:00", "Sla window")]
    [InlineData("TicketCluster:Escalation:WarningFraction", "1.5", "WarningFraction")]
    [InlineData("TicketCluster:ApprovalThresholds:XYZ", "100", "TicketCluster:ApprovalThresholds:XYZ")]
    [InlineData("TicketCluster:Limits:MaxRequestBodyBytes", "10", "TicketCluster:Limits:MaxRequestBodyBytes")]
    [InlineData("TicketCluster:Auth:SigningKey", "short", "TicketCluster:Auth:SigningKey")]
    [InlineData("TicketCluster:TicketLimits:MaxEvidence", "0", "TicketCluster:TicketLimits:MaxEvidence")]
    [InlineData("TicketCluster:TicketLimits:MaxContacts", "many", "TicketCluster:TicketLimits:MaxContacts")]
    [InlineData("TicketCluster:TicketLimits:MaxNotes", "-1", "TicketCluster:TicketLimits:MaxNotes")]
    [InlineData("TicketCluster:TicketLimits:MaxContentLength", "100", "TicketCluster:TicketLimits:MaxContentLength")]
    [InlineData("TicketCluster:Auth:Authority", "http://insecure", "TicketCluster:Auth:Authority")]
    [InlineData("TicketCluster:Console:Oidc:ClientId", "console", "TicketCluster:Console:Oidc:Authority")]
    [InlineData("TicketCluster:Console:Oidc:Authority", "https://id.example.com", "TicketCluster:Console:Oidc:ClientId")]
    [InlineData("TicketCluster:Console:Oidc:RenewBefore", "-00:01:00", "TicketCluster:Console:Oidc:RenewBefore")]
    [InlineData("TicketCluster:Auth:MaxTokenLifetime", "365.00:00:00", "TicketCluster:Auth:MaxTokenLifetime")]
    [InlineData("TicketCluster:Auth:MaxTokenLifetime", "06:00:00", "TicketCluster:Auth:TokenLifetime")]
    [InlineData("TicketCluster:RateLimits:Window", "00:00:00.5", "TicketCluster:RateLimits:Window")]
    [InlineData("TicketCluster:RateLimits:PermitsPerWindow", "0", "TicketCluster:RateLimits:PermitsPerWindow")]
    [InlineData("TicketCluster:RateLimits:ServicePermitsPerWindow", "many", "TicketCluster:RateLimits:ServicePermitsPerWindow")]
    [InlineData("TicketCluster:RateLimits:UrgentIntakePermitsPerWindow", "-1", "TicketCluster:RateLimits:UrgentIntakePermitsPerWindow")]
    [InlineData("TicketCluster:PartyRetention:History", "30.00:00:00", "TicketCluster:PartyRetention:History")]
    [InlineData("TicketCluster:PartyRetention:TrimInterval", "00:00:00", "TicketCluster:PartyRetention:TrimInterval")]
    [InlineData("TicketCluster:ReturnPolicies:cn:NoReasonReturn", "a week", "TicketCluster:ReturnPolicies:cn:NoReasonReturn")]
    [InlineData("TicketCluster:ReturnPolicies:eu:Withdrawal", "-14.00:00:00", "ReturnPolicies:eu:Withdrawal")]
    public void Load_InvalidValue_NamesTheKey(string key, string value, string named)
    {
        var exception = Assert.Throws<SiloConfigurationException>(() => SiloSettings.Load(Configuration(new() { [key] = value })));

        Assert.Contains(exception.Errors, e => e.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SeveralInvalidValues_NamesEach()
    {
        var exception = Assert.Throws<SiloConfigurationException>(() => SiloSettings.Load(Configuration(new()
        {
            ["TicketCluster:Sla:Survey"] = "x",
            ["TicketCluster:Limits:MaxInFlight"] = "many",
        })));

        Assert.Equal(2, exception.Errors.Count);
    }

    [Fact]
    public void Load_PostgresWithoutConnectionOrKey_NamesBoth()
    {
        var exception = Assert.Throws<SiloConfigurationException>(() => SiloSettings.Load(Configuration(new() { ["TicketCluster:Storage:Kind"] = "postgres" })));

        Assert.Contains(exception.Errors, e => e.Contains("TicketCluster:Storage:ConnectionString", StringComparison.Ordinal));
        Assert.Contains(exception.Errors, e => e.Contains("TicketCluster:Auth:SigningKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_OrleansSettings_ConfigureTheSilo()
    {
        await using var silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?>
        {
            ["TicketCluster:Orleans:ClusterId"] = "cluster-under-test",
            ["TicketCluster:Orleans:Reminders:MinimumPeriod"] = "00:00:05",
            ["TicketCluster:Orleans:Reminders:RetryPeriod"] = "00:00:10",
            ["TicketCluster:Orleans:Reminders:MaxConcurrentDeliveries"] = "32",
            ["TicketCluster:Orleans:Reminders:RingBucketsPerSilo"] = "64",
            ["TicketCluster:Orleans:Sweeper:Period"] = "00:00:07",
            ["TicketCluster:Orleans:Sweeper:Grace"] = "00:00:20",
            ["TicketCluster:Orleans:Membership:ProbeTimeout"] = "00:00:02",
            ["TicketCluster:Orleans:Membership:NumMissedProbesLimit"] = "4",
        });

        var services = silo.App.Services;
        var membership = services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(2), 4), (membership.ProbeTimeout, membership.NumMissedProbesLimit));
        Assert.Equal(("ticketcluster", "cluster-under-test"), (services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId));
        Assert.Equal(TimeSpan.FromSeconds(5), services.GetRequiredService<IOptions<ReminderOptions>>().Value.MinimumReminderPeriod);
        Assert.Equal(TimeSpan.FromSeconds(10), services.GetRequiredService<IOptions<TicketReminderOptions>>().Value.RetryPeriod);
        Assert.Equal(32, services.GetRequiredService<IOptions<ReminderDeliveryOptions>>().Value.MaxConcurrentDeliveries);
        Assert.Equal(64, services.GetRequiredService<IOptions<ConsistentRingOptions>>().Value.NumVirtualBucketsConsistentRing);
        var sweeper = services.GetRequiredService<IOptions<TicketSweeperOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(20)), (sweeper.Period, sweeper.Grace));
    }

    /// <summary>Without settings the node keeps Orleans' own failure detection.</summary>
    [Fact]
    public void MembershipDefaults_AreOrleansOwn()
    {
        var node = new OrleansSettings();
        var orleans = new ClusterMembershipOptions();

        Assert.Equal((orleans.ProbeTimeout, orleans.NumMissedProbesLimit), (node.MembershipProbeTimeout, node.MembershipNumMissedProbesLimit));
    }

    [Fact]
    public async Task Build_GroupCommitGrainCollectionAndDirectorySettings_ConfigureTheStorageAndTheSilo()
    {
        await using var silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?>
        {
            ["TicketCluster:Storage:GroupCommit:MaxBatchSize"] = "16",
            ["TicketCluster:Storage:GroupCommit:MaxDelay"] = "00:00:00.002",
            ["TicketCluster:Orleans:GrainCollection:CollectionAge"] = "00:30:00",
            ["TicketCluster:Orleans:GrainCollection:ActivationShedding"] = "false",
            ["TicketCluster:Orleans:GrainCollection:MemoryUsageLimitPercentage"] = "90",
            ["TicketCluster:Orleans:GrainCollection:MemoryUsageTargetPercentage"] = "70",
            ["TicketCluster:Orleans:GrainCollection:MemoryUsagePollingPeriod"] = "00:00:02",
            ["TicketCluster:Orleans:GrainDirectory:CacheSize"] = "5000",
        });

        var services = silo.App.Services;
        var storage = (TicketCluster.Storage.Providers.GrainStateStorage)services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(TicketCluster.Storage.Providers.GrainStorageNames.TicketCluster);
        Assert.Equal((true, 16, TimeSpan.FromMilliseconds(2), 1), (storage.GroupCommit.Enabled, storage.GroupCommit.MaxBatchSize, storage.GroupCommit.MaxDelay, storage.GroupCommit.MaxBatchesInFlight));
        var collection = services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
        Assert.Equal((TimeSpan.FromMinutes(30), false, 90, 70, TimeSpan.FromSeconds(2)), (collection.CollectionAge, collection.EnableActivationSheddingOnMemoryPressure, collection.MemoryUsageLimitPercentage, collection.MemoryUsageTargetPercentage, collection.MemoryUsagePollingPeriod));
        Assert.Equal(5000, services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize);
    }

    [Fact]
    public async Task Build_NoTuningSettings_ShedsOnMemoryPressurePollingEverySecond_256RingBucketsPerSilo_DirectoryCacheOf100000()
    {
        await using var silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?>());

        Assert.Equal(256, silo.App.Services.GetRequiredService<IOptions<ConsistentRingOptions>>().Value.NumVirtualBucketsConsistentRing);
        Assert.Equal(100_000, silo.App.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize);

        var collection = silo.App.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
        Assert.Equal((TimeSpan.FromMinutes(15), true, 80, 75, TimeSpan.FromSeconds(1)), (collection.CollectionAge, collection.EnableActivationSheddingOnMemoryPressure, collection.MemoryUsageLimitPercentage, collection.MemoryUsageTargetPercentage, collection.MemoryUsagePollingPeriod));
    }

    [Theory]
    [InlineData("TicketCluster:Storage:ApplySchemaOnStart", "perhaps")]
    [InlineData("TicketCluster:Storage:GroupCommit:Enabled", "sometimes")]
    [InlineData("TicketCluster:Storage:GroupCommit:MaxBatchSize", "0")]
    [InlineData("TicketCluster:Storage:GroupCommit:MaxDelay", "00:00:05")]
    [InlineData("TicketCluster:Storage:GroupCommit:MaxBatchesInFlight", "4")]
    [InlineData("TicketCluster:Orleans:GrainCollection:CollectionAge", "00:00:30")]
    [InlineData("TicketCluster:Orleans:GrainCollection:ActivationShedding", "maybe")]
    [InlineData("TicketCluster:Orleans:GrainCollection:MemoryUsageLimitPercentage", "120")]
    [InlineData("TicketCluster:Orleans:GrainCollection:MemoryUsageTargetPercentage", "85")]
    [InlineData("TicketCluster:Orleans:GrainCollection:MemoryUsagePollingPeriod", "00:00:00.500")]
    [InlineData("TicketCluster:Orleans:GrainCollection:MemoryUsagePollingPeriod", "00:02:00")]
    [InlineData("TicketCluster:Orleans:GrainDirectory:CacheSize", "-1")]
    [InlineData("TicketCluster:Orleans:GrainDirectory:CacheSize", "20000000")]
    [InlineData("TicketCluster:Orleans:GrainDirectory:CacheSize", "plenty")]
    public void Build_InvalidStorageCollectionOrDirectorySetting_IsAConfigurationErrorNamingTheKey(string key, string value) =>
        Build_InvalidOrleansSetting_IsAConfigurationErrorNamingTheKey(key, value);

    [Theory]
    [InlineData("TicketCluster:Orleans:SiloPort", "70000")]
    [InlineData("TicketCluster:Orleans:Kubernetes", "perhaps")]
    [InlineData("TicketCluster:Orleans:Reminders:RetryPeriod", "00:00:05")]
    [InlineData("TicketCluster:Orleans:Reminders:MaxConcurrentDeliveries", "-1")]
    [InlineData("TicketCluster:Orleans:Reminders:RingBucketsPerSilo", "0")]
    [InlineData("TicketCluster:Orleans:Reminders:RingBucketsPerSilo", "2000")]
    [InlineData("TicketCluster:Orleans:Sweeper:Grace", "00:00:10")]
    [InlineData("TicketCluster:Orleans:Membership:ProbeTimeout", "00:00:00.5")]
    [InlineData("TicketCluster:Orleans:Membership:ProbeTimeout", "00:02:00")]
    [InlineData("TicketCluster:Orleans:Membership:NumMissedProbesLimit", "0")]
    [InlineData("TicketCluster:Orleans:Membership:NumMissedProbesLimit", "often")]
    public void Build_InvalidOrleansSetting_IsAConfigurationErrorNamingTheKey(string key, string value)
    {
        var exception = Assert.Throws<SiloConfigurationException>(() => SiloApp.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TicketCluster:Auth:SigningKey"] = TestSilo.SigningKey,
            ["TicketCluster:DataDirectory"] = Path.GetTempPath(),
            [key] = value,
        })));

        Assert.Contains(exception.Errors, e => e.Contains(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TICKETCLUSTER__SLA__FIRSTRESPONSEURGENT=an hour", "Sla:FirstResponseUrgent")]
    [InlineData("TICKETCLUSTER__STORAGE__GROUPCOMMIT__MAXBATCHSIZE=0", "Storage:GroupCommit:MaxBatchSize")]
    [InlineData("TICKETCLUSTER__ORLEANS__MEMBERSHIP__PROBETIMEOUT=00:00:00", "Orleans:Membership:ProbeTimeout")]
    [InlineData("TICKETCLUSTER__CALENDARS__CN__TIMEZONE=Mars/Olympus;TICKETCLUSTER__CALENDARS__CN__HOURS__MONDAY=09:00-18:00", "Calendars:CN:TimeZone")]
    [InlineData("TICKETCLUSTER__AUTH__AUTHORITY=https://id.example.com;TICKETCLUSTER__CONSOLE__OIDC__CLIENTID=console;TICKETCLUSTER__CONSOLE__OIDC__AUTHORITY=https://other.example.com", "TicketCluster:Console:Oidc:Authority")]
    public async Task Program_InvalidEnvironment_ExitsWithMessageNamingTheKey(string environment, string named)
    {
        var directory = Directory.CreateTempSubdirectory("tc-config-").FullName;
        try
        {
            var (exitCode, _, error) = await SiloProcess.RunAsync(
                [],
                environment.Split(';').Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1]),
                directory,
                TimeSpan.FromSeconds(60));

            Assert.Equal(2, exitCode);
            Assert.Contains(named, error, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary><c>schema apply</c> applies the scripts to the configured database and exits 0; a second run
    /// finds nothing to apply.</summary>
    [Fact]
    public async Task SchemaApply_EmptyDataDirectory_AppliesScriptsAndExitsZero()
    {
        var directory = Directory.CreateTempSubdirectory("tc-schema-").FullName;
        try
        {
            var first = await SiloProcess.RunAsync(["schema", "apply"], new Dictionary<string, string>(), directory, TimeSpan.FromSeconds(60));
            var second = await SiloProcess.RunAsync(["schema", "apply"], new Dictionary<string, string>(), directory, TimeSpan.FromSeconds(60));

            Assert.True(first.ExitCode == 0, first.Error);
            Assert.True(second.ExitCode == 0, second.Error);
            Assert.Contains("schema applied", first.Output, StringComparison.Ordinal);
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, "data", "ticketcluster.db")};Pooling=false");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name IN ('grain_state', 'ticket_query', 'orleans_reminders')";
            Assert.Equal(3L, await command.ExecuteScalarAsync());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The token command and the node agree on the development key of the data directory, with no
    /// configuration at all: a newcomer's first call works.</summary>
    [Fact]
    public async Task TokenCommand_DevelopmentKey_IsAcceptedByTheNode()
    {
        var directory = Directory.CreateTempSubdirectory("tc-token-").FullName;
        try
        {
            var (exitCode, output, error) = await SiloProcess.RunAsync(
                ["token", "--role", "agent", "--subject", "alice"],
                new Dictionary<string, string>(),
                directory,
                TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, error);
            Assert.True(File.Exists(Path.Combine(directory, "data", SigningKeys.DevelopmentKeyFile)));

            await using var silo = await TestSilo.StartSqliteAsync(
                new Dictionary<string, string?>
                {
                    ["TicketCluster:DataDirectory"] = Path.Combine(directory, "data"),
                    ["TicketCluster:Auth:SigningKey"] = null,
                },
                b => b.Environment.EnvironmentName = "Development");
            using var client = new HttpClient { BaseAddress = silo.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", output.Trim());

            var response = await client.GetAsync("/api/v1/tickets/tk-none");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("token --role wizard --subject x")]
    [InlineData("token --role merchant --subject x")]
    [InlineData("token --subject")]
    [InlineData("token --role agent --subject x --lifetime 1.00:00:01")]
    public async Task TokenCommand_BadArguments_ExitsWithUsage(string commandLine)
    {
        var args = commandLine.Split(' ');
        var directory = Directory.CreateTempSubdirectory("tc-token-").FullName;
        try
        {
            var (exitCode, output, error) = await SiloProcess.RunAsync(args, new Dictionary<string, string>(), directory, TimeSpan.FromSeconds(60));

            Assert.Equal(2, exitCode);
            Assert.Empty(output);
            Assert.NotEmpty(error);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    internal static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
