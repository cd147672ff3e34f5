using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Silo.Configuration;

/// <summary>
/// Binds the <c>TicketCluster</c> section by hand rather than through the reflection binder: the domain's
/// policy records are immutable, and each malformed value must be reported with its full key instead of
/// stopping at the first.
/// </summary>
internal static partial class SettingsBinder
{
    /// <summary>The section of the per-ticket caps (<see cref="TicketPolicy.Limits"/>).</summary>
    public const string TicketLimitsSection = "TicketLimits";

    public static SiloSettings? Bind(IConfigurationSection root, List<string> errors) => Bind(root, errors, keys: null);

    /// <summary>Every key the binder reads (maps as <c>Section:*</c>), found by binding an empty
    /// configuration: deployment manifests are checked against it.</summary>
    public static IReadOnlySet<string> Keys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Bind(new ConfigurationBuilder().Build().GetSection(SiloSettings.Section), [], keys);

        // Sections bound by their own features (docs/silo.md, Webhooks and Telemetry).
        keys.Add(SiloSettings.Section + ":Webhooks:*");
        keys.Add(SiloSettings.Section + ":Telemetry:*");
        return keys;
    }

    private static SiloSettings? Bind(IConfigurationSection root, List<string> errors, HashSet<string>? keys)
    {
        var reader = new SectionReader(errors, keys);
        var storage = root.GetSection("Storage");
        var auth = root.GetSection("Auth");
        var limits = root.GetSection("Limits");
        var rates = root.GetSection("RateLimits");
        var orleans = root.GetSection("Orleans");
        var membership = orleans.GetSection("Membership");
        var reminders = orleans.GetSection("Reminders");
        var sweeper = orleans.GetSection("Sweeper");
        var collection = orleans.GetSection("GrainCollection");
        var directory = orleans.GetSection("GrainDirectory");
        var groupCommit = storage.GetSection("GroupCommit");
        var retention = root.GetSection(nameof(SiloSettings.PartyRetention));
        var oidc = root.GetSection("Console:Oidc");
        var defaults = new SiloSettings();
        var settings = new SiloSettings
        {
            DataDirectory = reader.Text(root, "DataDirectory") ?? defaults.DataDirectory,
            DrainTimeout = reader.Read(root, "DrainTimeout", defaults.DrainTimeout),
            Storage = new StorageSettings
            {
                Kind = reader.ReadEnum(storage, "Kind", defaults.Storage.Kind),
                ConnectionString = reader.Text(storage, "ConnectionString"),
                ApplySchemaOnStart = reader.Read(storage, "ApplySchemaOnStart", defaults.Storage.ApplySchemaOnStart),
                GroupCommit = new GroupCommitSettings
                {
                    Enabled = reader.Read(groupCommit, "Enabled", defaults.Storage.GroupCommit.Enabled),
                    MaxBatchSize = reader.Read(groupCommit, "MaxBatchSize", defaults.Storage.GroupCommit.MaxBatchSize),
                    MaxDelay = reader.Read(groupCommit, "MaxDelay", defaults.Storage.GroupCommit.MaxDelay),
                    MaxBatchesInFlight = reader.Text(groupCommit, "MaxBatchesInFlight") is null ? null : reader.Read(groupCommit, "MaxBatchesInFlight", 0),
                },
            },
            Auth = new AuthSettings
            {
                SigningKey = reader.Text(auth, "SigningKey"),
                Issuer = reader.Text(auth, "Issuer") ?? defaults.Auth.Issuer,
                Audience = reader.Text(auth, "Audience") ?? defaults.Auth.Audience,
                Authority = reader.Text(auth, "Authority"),
                TokenLifetime = reader.Read(auth, "TokenLifetime", defaults.Auth.TokenLifetime),
                MaxTokenLifetime = reader.Read(auth, "MaxTokenLifetime", defaults.Auth.MaxTokenLifetime),
            },
            Limits = new LimitSettings
            {
                MaxRequestBodyBytes = reader.Read(limits, "MaxRequestBodyBytes", defaults.Limits.MaxRequestBodyBytes),
                MaxInFlight = reader.Read(limits, "MaxInFlight", defaults.Limits.MaxInFlight),
                RetryAfter = reader.Read(limits, "RetryAfter", defaults.Limits.RetryAfter),
            },
            RateLimits = new RateLimitSettings
            {
                Window = reader.Read(rates, "Window", defaults.RateLimits.Window),
                PermitsPerWindow = reader.Read(rates, "PermitsPerWindow", defaults.RateLimits.PermitsPerWindow),
                ServicePermitsPerWindow = reader.Read(rates, "ServicePermitsPerWindow", defaults.RateLimits.ServicePermitsPerWindow),
                UrgentIntakePermitsPerWindow = reader.Read(rates, "UrgentIntakePermitsPerWindow", defaults.RateLimits.UrgentIntakePermitsPerWindow),
            },
            Orleans = new OrleansSettings
            {
                SiloPort = reader.Read(orleans, "SiloPort", defaults.Orleans.SiloPort),
                GatewayPort = reader.Read(orleans, "GatewayPort", defaults.Orleans.GatewayPort),
                ClusterId = reader.Text(orleans, "ClusterId") ?? defaults.Orleans.ClusterId,
                Kubernetes = reader.Read(orleans, "Kubernetes", defaults.Orleans.Kubernetes),
                MembershipProbeTimeout = reader.Read(membership, "ProbeTimeout", defaults.Orleans.MembershipProbeTimeout),
                MembershipNumMissedProbesLimit = reader.Read(membership, "NumMissedProbesLimit", defaults.Orleans.MembershipNumMissedProbesLimit),
                RemindersMinimumPeriod = reader.Read(reminders, "MinimumPeriod", defaults.Orleans.RemindersMinimumPeriod),
                RemindersRetryPeriod = reader.Read(reminders, "RetryPeriod", defaults.Orleans.RemindersRetryPeriod),
                RemindersMaxConcurrentDeliveries = reader.Read(reminders, "MaxConcurrentDeliveries", defaults.Orleans.RemindersMaxConcurrentDeliveries),
                RemindersRingBucketsPerSilo = reader.Read(reminders, "RingBucketsPerSilo", defaults.Orleans.RemindersRingBucketsPerSilo),
                SweeperPeriod = reader.Read(sweeper, "Period", defaults.Orleans.SweeperPeriod),
                SweeperGrace = reader.Read(sweeper, "Grace", defaults.Orleans.SweeperGrace),
                CollectionAge = reader.Read(collection, "CollectionAge", defaults.Orleans.CollectionAge),
                ActivationShedding = reader.Read(collection, "ActivationShedding", defaults.Orleans.ActivationShedding),
                MemoryUsageLimitPercentage = reader.Read(collection, "MemoryUsageLimitPercentage", defaults.Orleans.MemoryUsageLimitPercentage),
                MemoryUsageTargetPercentage = reader.Read(collection, "MemoryUsageTargetPercentage", defaults.Orleans.MemoryUsageTargetPercentage),
                MemoryUsagePollingPeriod = reader.Read(collection, "MemoryUsagePollingPeriod", defaults.Orleans.MemoryUsagePollingPeriod),
                GrainDirectoryCacheSize = reader.Read(directory, "CacheSize", defaults.Orleans.GrainDirectoryCacheSize),
            },
            Console = new ConsoleSettings
            {
                Oidc = new ConsoleOidcSettings
                {
                    Authority = reader.Text(oidc, "Authority"),
                    ClientId = reader.Text(oidc, "ClientId"),
                    ClientSecret = reader.Text(oidc, "ClientSecret"),
                    Scopes = reader.Text(oidc, "Scopes") ?? defaults.Console.Oidc.Scopes,
                    RenewBefore = reader.Read(oidc, "RenewBefore", defaults.Console.Oidc.RenewBefore),
                    SessionLifetime = reader.Read(oidc, "SessionLifetime", defaults.Console.Oidc.SessionLifetime),
                },
                DataProtection = new ConsoleDataProtectionSettings { KeyDirectory = reader.Text(root.GetSection("Console:DataProtection"), "KeyDirectory") },
            },
            Policy = BindPolicy(root, reader),
            Classification = BindClassification(root.GetSection("Classification"), reader),
            ExchangeRates = BindExchangeRates(root.GetSection(nameof(SiloSettings.ExchangeRates)), reader),
            PartyRetention = new PartyRetention
            {
                History = reader.Read(retention, nameof(PartyRetention.History), defaults.PartyRetention.History),
                TrimInterval = reader.Read(retention, nameof(PartyRetention.TrimInterval), defaults.PartyRetention.TrimInterval),
            },
        };
        return errors.Count == 0 ? settings : null;
    }

    private static TicketPolicy BindPolicy(IConfigurationSection root, SectionReader reader)
    {
        var defaults = TicketPolicy.Default;
        var sla = root.GetSection("Sla");
        var windows = new SlaPolicy();
        foreach (var property in typeof(SlaPolicy).GetProperties().Where(p => p.PropertyType == typeof(TimeSpan) && p.CanWrite))
        {
            property.SetValue(windows, reader.Read(sla, property.Name, (TimeSpan)property.GetValue(windows)!));
        }

        var escalation = root.GetSection("Escalation");
        var limits = root.GetSection(TicketLimitsSection);
        var calendars = BindCalendars(root, reader);
        return defaults with
        {
            Sla = windows,
            Escalation = new EscalationThresholds(
                reader.Read(escalation, "WarningFraction", defaults.Escalation.WarningFraction),
                reader.Read(escalation, "SecondLevelFactor", defaults.Escalation.SecondLevelFactor)),
            ApprovalThresholds = reader.ReadAmounts(root.GetSection("ApprovalThresholds"), defaults.ApprovalThresholds),
            ReopenWindow = reader.Read(root, "ReopenWindow", defaults.ReopenWindow),
            ReturnPolicies = BindReturnPolicies(root.GetSection(nameof(TicketPolicy.ReturnPolicies)), defaults.ReturnPolicies, reader),
            ReturnAddresses = BindReturnAddresses(root.GetSection(nameof(TicketPolicy.ReturnAddresses)), reader),
            Limits = new TicketLimits
            {
                MaxEvidence = reader.Read(limits, nameof(TicketLimits.MaxEvidence), defaults.Limits.MaxEvidence),
                MaxContacts = reader.Read(limits, nameof(TicketLimits.MaxContacts), defaults.Limits.MaxContacts),
                MaxNotes = reader.Read(limits, nameof(TicketLimits.MaxNotes), defaults.Limits.MaxNotes),
                MaxContentLength = reader.Read(limits, nameof(TicketLimits.MaxContentLength), defaults.Limits.MaxContentLength),
            },
            Calendars = calendars,
        };
    }

    /// <summary>Return rules per marketplace (<c>ReturnPolicies:cn:NoReasonReturn</c> = <c>7.00:00:00</c>, or
    /// <c>none</c> to drop a rule); a configured marketplace starts from its built-in rules, if any, and a new
    /// id from none.</summary>
    private static ImmutableDictionary<string, ReturnPolicy> BindReturnPolicies(IConfigurationSection section, ImmutableDictionary<string, ReturnPolicy> defaults, SectionReader reader)
    {
        reader.Map(section);
        var policies = defaults;
        foreach (var child in section.GetChildren())
        {
            var fallback = defaults.GetValueOrDefault(child.Key) ?? new ReturnPolicy();
            policies = policies.SetItem(child.Key, fallback with
            {
                NoReasonReturn = reader.ReadWindow(child, nameof(ReturnPolicy.NoReasonReturn), fallback.NoReasonReturn),
                Withdrawal = reader.ReadWindow(child, nameof(ReturnPolicy.Withdrawal), fallback.Withdrawal),
                StatutoryReturn = reader.ReadWindow(child, nameof(ReturnPolicy.StatutoryReturn), fallback.StatutoryReturn),
                StatutoryReplace = reader.ReadWindow(child, nameof(ReturnPolicy.StatutoryReplace), fallback.StatutoryReplace),
                StatutoryRepair = reader.ReadWindow(child, nameof(ReturnPolicy.StatutoryRepair), fallback.StatutoryRepair),
            });
        }

        return policies;
    }

    /// <summary>In-country return addresses per destination country (<c>ReturnAddresses:DE:Address</c>,
    /// <c>ReturnAddresses:DE:Contact</c>); checked by <see cref="TicketPolicy.Validate"/>.</summary>
    private static ImmutableDictionary<string, InCountryReturnAddress> BindReturnAddresses(IConfigurationSection section, SectionReader reader)
    {
        reader.Map(section);
        return section.GetChildren().ToImmutableDictionary(
            country => country.Key,
            country => new InCountryReturnAddress(
                reader.Text(country, nameof(InCountryReturnAddress.Address)) ?? "",
                reader.Text(country, nameof(InCountryReturnAddress.Contact))),
            StringComparer.Ordinal);
    }

    private static ClassificationRules BindClassification(IConfigurationSection section, SectionReader reader)
    {
        var defaults = ClassificationRules.Default;
        return defaults with
        {
            RepeatComplaintThreshold = reader.Read(section, "RepeatComplaintThreshold", defaults.RepeatComplaintThreshold),
            RepeatWindow = reader.Read(section, "RepeatWindow", defaults.RepeatWindow),
            DefaultCategory = reader.ReadEnum(section, "DefaultCategory", defaults.DefaultCategory),
            HighValueThresholds = reader.ReadAmounts(section.GetSection("HighValueThresholds"), defaults.HighValueThresholds.ToImmutableDictionary(StringComparer.Ordinal)),
            StatedAmountThresholds = reader.ReadAmounts(section.GetSection("StatedAmountThresholds"), defaults.StatedAmountThresholds.ToImmutableDictionary(StringComparer.Ordinal)),
            SafetyWords = reader.ReadKeywords(section.GetSection("SafetyWords"), defaults.SafetyWords),
            SafetyHazards = ReadHazards(section.GetSection("SafetyHazards"), defaults.SafetyHazards, reader),
            MediaThreatWords = reader.ReadKeywords(section.GetSection("MediaThreatWords"), defaults.MediaThreatWords),
            CounterfeitWords = reader.ReadKeywords(section.GetSection("CounterfeitWords"), defaults.CounterfeitWords),
            FraudWords = reader.ReadKeywords(section.GetSection("FraudWords"), defaults.FraudWords),
            NotSignalWords = reader.ReadKeywords(section.GetSection("NotSignalWords"), defaults.NotSignalWords),
            NegationWords = reader.ReadKeywords(section.GetSection("NegationWords"), defaults.NegationWords),
            NotNegationWords = reader.ReadKeywords(section.GetSection("NotNegationWords"), defaults.NotNegationWords),
            CategoryWords = ReadCategories(section.GetSection("CategoryWords"), defaults.CategoryWords, reader),
        };
    }

    /// <summary>Words per hazard family (<c>SafetyHazards:electric-shock:SimplifiedChinese:0</c>), added to the
    /// built-in ones; an unknown family name adds a family.</summary>
    private static List<HazardKeywords> ReadHazards(IConfigurationSection section, IReadOnlyList<HazardKeywords> defaults, SectionReader reader) =>
        AddWords(section, defaults, reader, child => child.Key, h => h.Family, h => h.Keywords, (family, words) => new HazardKeywords(family, words));

    /// <summary>Words per category (<c>CategoryWords:product-quality:English:0</c>), added to the built-in ones.</summary>
    private static List<CategoryKeywords> ReadCategories(IConfigurationSection section, IReadOnlyList<CategoryKeywords> defaults, SectionReader reader) =>
        AddWords(section, defaults, reader, child => reader.ParseEnum(child.Key, child.Path, TicketCategory.Other), c => c.Category, c => c.Keywords,
            (category, words) => new CategoryKeywords(category, words));

    /// <summary>Each child section names a list (by <paramref name="keyOf"/>) and adds words to it per language.</summary>
    private static List<T> AddWords<T, TKey>(
        IConfigurationSection section,
        IReadOnlyList<T> defaults,
        SectionReader reader,
        Func<IConfigurationSection, TKey> keyOf,
        Func<T, TKey> keyOfList,
        Func<T, KeywordSet> wordsOf,
        Func<TKey, KeywordSet, T> make)
    {
        var lists = defaults.ToList();
        foreach (var child in section.GetChildren())
        {
            var key = keyOf(child);
            var at = lists.FindIndex(l => KeyEquals(keyOfList(l), key));
            var words = reader.ReadKeywords(child, at >= 0 ? wordsOf(lists[at]) : new KeywordSet([], [], []));
            if (at >= 0)
            {
                lists[at] = make(key, words);
            }
            else
            {
                lists.Add(make(key, words));
            }
        }

        return lists;

        static bool KeyEquals(TKey a, TKey b) =>
            a is string x && b is string y ? string.Equals(x, y, StringComparison.OrdinalIgnoreCase) : EqualityComparer<TKey>.Default.Equals(a, b);
    }

    /// <summary>Reads typed values, collecting an error naming the full key for each malformed one.</summary>
    private sealed class SectionReader(List<string> errors, HashSet<string>? keys)
    {
        /// <summary>Records a malformed value under its full key.</summary>
        public void Fail(string path, string message) => errors.Add($"{path}: {message}");

        /// <summary>Records that a section is a map of keys chosen by the operator.</summary>
        public void Map(IConfigurationSection section) => keys?.Add($"{section.Path}:*");

        public string? Text(IConfigurationSection section, string key)
        {
            keys?.Add($"{section.Path}:{key}");
            return section[key];
        }

        public T Read<T>(IConfigurationSection section, string key, T fallback)
            where T : IParsable<T>
        {
            var raw = Text(section, key);
            if (raw is null)
            {
                return fallback;
            }

            if (T.TryParse(raw, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors.Add($"{section.Path}:{key}: '{raw}' is not a valid {typeof(T).Name}.");
            return fallback;
        }

        /// <summary>An optional window: a <see cref="TimeSpan"/>, or <c>none</c> for no window.</summary>
        public TimeSpan? ReadWindow(IConfigurationSection section, string key, TimeSpan? fallback)
        {
            var raw = Text(section, key);
            if (raw is null)
            {
                return fallback;
            }

            if (string.Equals(raw, "none", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors.Add($"{section.Path}:{key}: '{raw}' is not a valid TimeSpan or none.");
            return fallback;
        }

        /// <summary>Enumerations are written as in the API (kebab-case) or by their C# name.</summary>
        public TEnum ReadEnum<TEnum>(IConfigurationSection section, string key, TEnum fallback)
            where TEnum : struct, Enum
        {
            var raw = Text(section, key);
            return raw is null ? fallback : ParseEnum(raw, $"{section.Path}:{key}", fallback);
        }

        /// <summary>A value, or a section's own name (<c>CategoryWords:product-quality</c>), read as an enumeration.</summary>
        public TEnum ParseEnum<TEnum>(string raw, string path, TEnum fallback)
            where TEnum : struct, Enum
        {
            foreach (var value in Enum.GetValues<TEnum>())
            {
                var name = value.ToString();
                if (string.Equals(raw, name, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(raw, JsonNamingPolicy.KebabCaseLower.ConvertName(name), StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            var allowed = string.Join(", ", Enum.GetNames<TEnum>().Select(JsonNamingPolicy.KebabCaseLower.ConvertName));
            errors.Add($"{path}: '{raw}' is not one of {allowed}.");
            return fallback;
        }

        /// <summary>A map of ISO 4217 currency to amount; an empty section keeps the defaults.</summary>
        public ImmutableDictionary<string, decimal> ReadAmounts(IConfigurationSection section, ImmutableDictionary<string, decimal> fallback)
        {
            keys?.Add($"{section.Path}:*");
            var children = section.GetChildren().ToList();
            if (children.Count == 0)
            {
                return fallback;
            }

            var result = ImmutableDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
            foreach (var child in children)
            {
                if (!Currencies.IsKnown(child.Key))
                {
                    errors.Add($"{child.Path}: '{child.Key}' is not an ISO 4217 currency code.");
                }
                else if (!decimal.TryParse(child.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount < 0)
                {
                    errors.Add($"{child.Path}: '{child.Value}' is not a non-negative amount.");
                }
                else
                {
                    result[child.Key] = amount;
                }
            }

            return result.ToImmutable();
        }

        /// <summary>Words configured here are added to the built-in lists, per language.</summary>
        public KeywordSet ReadKeywords(IConfigurationSection section, KeywordSet fallback)
        {
            keys?.Add($"{section.Path}:*");
            static string[] Add(IReadOnlyList<string> builtIn, IConfigurationSection words) =>
                [.. builtIn, .. words.GetChildren().Select(w => w.Value).OfType<string>().Where(w => w.Length > 0)];

            return section.GetChildren().Any()
                ? new KeywordSet(
                    Add(fallback.English, section.GetSection("English")),
                    Add(fallback.SimplifiedChinese, section.GetSection("SimplifiedChinese")),
                    Add(fallback.TraditionalChinese, section.GetSection("TraditionalChinese")))
                : fallback;
        }
    }
}
