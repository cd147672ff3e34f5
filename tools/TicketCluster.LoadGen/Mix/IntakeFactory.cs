using System.Globalization;
using TicketCluster.Client.Contracts;
using TicketCluster.Domain;
using TicketCluster.LoadGen.Text;

namespace TicketCluster.LoadGen.Mix;

/// <summary>How an intake was made: a first complaint, a repeat by the same customer about a new order,
/// or the same complaint again on another channel (which the silo should merge).</summary>
public enum IntakeKind
{
    New,
    Repeat,
    Duplicate,
}

/// <summary>One intake to send and what the generator meant by it.</summary>
public sealed record PlannedIntake(TicketSubmission Submission, IntakeKind Kind, Severity IntendedSeverity);

/// <summary>
/// Makes the intakes of a run from a seed: customers and merchants from fixed pools, orders under the
/// approval threshold, a category, channel and intended severity from the mix. An urgent intake says so
/// in its text (the classifier decides); a serious one says so explicitly; a normal one leaves severity to
/// the classifier. Not thread-safe: one scheduler thread asks for intakes in order.
/// </summary>
public sealed class IntakeFactory
{
    private const int RecentCapacity = 512;

    private readonly Random _random;
    private readonly LoadMix _mix;
    private readonly WeightedSampler<string> _channels;
    private readonly WeightedSampler<string> _categories;
    private readonly WeightedSampler<string> _severities;
    private readonly List<PlannedIntake> _recent = [];
    private readonly string _runId;
    private long _sequence;

    public IntakeFactory(LoadMix mix, int seed, string runId)
    {
        ArgumentNullException.ThrowIfNull(mix);
        _mix = mix;
        _random = new Random(seed);
        _channels = new(mix.Channels);
        _categories = new(mix.Categories);
        _severities = new(mix.Severities);
        _runId = runId;
    }

    /// <summary>Merchants of a run are m-1 … m-<see cref="MerchantCount"/>.</summary>
    public const int MerchantCount = 20;

    public PlannedIntake Next()
    {
        var n = Interlocked.Increment(ref _sequence);
        var roll = _random.NextDouble();
        var channel = LoadMix.ValueOf<Channel>(_channels.Pick(_random));
        if (roll < _mix.DuplicateShare && _recent.Count > 0)
        {
            var (original, _, originalSeverity) = _recent[_random.Next(_recent.Count)];
            var other = channel == original.Channel ? (Channel)(((int)channel + 1) % Enum.GetValues<Channel>().Length) : channel;
            return new PlannedIntake(
                original with { Channel = other, ExternalId = $"{_runId}-msg-{n}" },
                IntakeKind.Duplicate,
                originalSeverity);
        }

        var category = LoadMix.ValueOf<TicketCategory>(_categories.Pick(_random));
        var severity = LoadMix.ValueOf<Severity>(_severities.Pick(_random));
        var chinese = _random.NextDouble() < _mix.ChineseShare;
        var repeat = roll < _mix.DuplicateShare + _mix.RepeatShare && _recent.Count > 0;
        var customer = repeat
            ? _recent[_random.Next(_recent.Count)].Submission.Customer
            : NewCustomer(n, chinese);
        var amount = Math.Round((decimal)(29 + (_random.NextDouble() * 870)), 2);
        var purchased = new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero).AddMinutes(_random.Next(0, 24 * 60));
        var order = new OrderDetails(
            $"{_runId}-o-{n}",
            $"m-{_random.Next(1, MerchantCount + 1)}",
            amount,
            "CNY",
            purchased,
            purchased.AddDays(2),
            [new OrderLine($"SKU-{_random.Next(1000, 9999)}", ComplaintTexts.ProductName(_random, chinese), 1, amount)]);
        // A channel gateway may not state a severity (staff decide it; the node classifies the text), but it
        // passes the membership tier it knows: a serious intake is sent for a VIP customer, which the node
        // classifies at least serious, and an urgent one names a safety hazard in its text.
        var submission = new TicketSubmission(
            channel,
            severity == Severity.Serious ? customer with { Tier = CustomerTier.Vip } : customer,
            order,
            ComplaintTexts.Complaint(_random, category, chinese, safety: severity == Severity.Urgent),
            RequestedOutcomeFor(category),
            category,
            null,
            $"{_runId}-msg-{n}");
        var planned = new PlannedIntake(submission, repeat ? IntakeKind.Repeat : IntakeKind.New, severity);
        Remember(planned);
        return planned;
    }

    private RequestedOutcome RequestedOutcomeFor(TicketCategory category) => category switch
    {
        TicketCategory.ProductQuality => _random.Next(3) switch
        {
            0 => RequestedOutcome.ReturnAndRefund,
            1 => RequestedOutcome.Repair,
            _ => RequestedOutcome.Refund,
        },
        TicketCategory.ReturnPolicy or TicketCategory.Counterfeit => RequestedOutcome.ReturnAndRefund,
        TicketCategory.InstallationUsage => RequestedOutcome.Repair,
        _ => RequestedOutcome.Refund,
    };

    private CustomerDetails NewCustomer(long n, bool chinese)
    {
        var id = $"{_runId}-c-{n}";
        var phone = string.Create(CultureInfo.InvariantCulture, $"+86 138 {_random.Next(1000, 9999)} {_random.Next(1000, 9999)}");
        return chinese
            ? new CustomerDetails(id, "张伟", phone, null, "北京市朝阳区建国路1号", CustomerTier.Regular)
            : new CustomerDetails(id, "Li Lei", phone, $"customer{n}@example.com", "1 Chang'an Avenue, Beijing", CustomerTier.Regular);
    }

    private void Remember(PlannedIntake submission)
    {
        if (_recent.Count < RecentCapacity)
        {
            _recent.Add(submission);
        }
        else
        {
            _recent[_random.Next(RecentCapacity)] = submission;
        }
    }
}
