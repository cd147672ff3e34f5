using System.Collections.Frozen;
using TicketCluster.Domain.Messages;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tests.Tickets;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Messages;

/// <summary>Which events speak to the customer, in which language and words, and a message's delivery state.</summary>
public sealed class CustomerMessagesTests
{
    private static readonly CustomerMessaging Everywhere = CustomerMessaging.None with { Channels = Enum.GetValues<Channel>().ToFrozenSet() };

    private static OutboundMessage? MessageOf(TicketDriver driver, TicketCommand command, CustomerMessaging? messaging = null)
    {
        var events = driver.Must(command);
        var state = TicketState.Replay(driver.History.Take(driver.History.Count - events.Length));
        OutboundMessage? found = null;
        foreach (var e in events)
        {
            state = state.Apply(e);
            found ??= (messaging ?? Everywhere).MessageFor(state, e);
        }

        return found;
    }

    [Fact]
    public void Acknowledge_English_ReceiptNextStepsAndResolutionDeadline()
    {
        var driver = new TicketDriver().Opened();

        var message = MessageOf(driver, new AcknowledgeTicket("We collect the kettle on Monday.") { Actor = Agent })!;

        var due = driver.Ticket.Clock(ClockKind.Resolution)!.DueAt!.Value;
        Assert.Equal(OutboundMessageKind.Acknowledgement, message.Kind);
        Assert.Contains(driver.Ticket.TicketId, message.Subject, StringComparison.Ordinal);
        Assert.Contains("We collect the kettle on Monday.", message.Body, StringComparison.Ordinal);
        Assert.Contains(CustomerMessages.Format(due, driver.Ticket.Customer.TimeZone), message.Body, StringComparison.Ordinal);
        Assert.Equal($"{driver.Ticket.TicketId}:{driver.Ticket.Version - 1}:acknowledgement", message.Id);
        Assert.Equal(MessageDeliveryStatus.Queued, message.Status);
    }

    [Theory]
    [InlineData("zh-CN", "我们已收到您的请求")]
    [InlineData("zh-TW", "我們已收到您的請求")]
    [InlineData("en", "We received your request")]
    public void Acknowledge_CustomerLanguage_TemplateOfThatLanguage(string language, string subject)
    {
        var driver = new TicketDriver();
        driver.Must(Open() with { Customer = TicketFixtures.CustomerInfo with { Language = language } });

        var message = MessageOf(driver, new AcknowledgeTicket("On it.") { Actor = Agent })!;

        Assert.Equal(language, message.Language);
        Assert.StartsWith(subject, message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Draft_NoCustomerLanguage_DefaultLanguage()
    {
        var driver = new TicketDriver();
        driver.Must(Open() with { Customer = TicketFixtures.CustomerInfo with { Language = null } });

        var message = MessageOf(driver, new AcknowledgeTicket("On it.") { Actor = Agent }, Everywhere with { DefaultLanguage = "zh-CN" })!;

        Assert.Equal("zh-CN", message.Language);
    }

    [Fact]
    public void Templates_Configured_ReplaceBuiltIn()
    {
        var driver = new TicketDriver().To(S.InProgress);
        var messaging = Everywhere with { Templates = MessageTemplates.Default.With("en", OutboundMessageKind.Reply, "Re {ticketId}\nHi {customerName}: {message}") };

        var message = MessageOf(driver, new ReplyToCustomer(ReplyVisibility.Public, "Parcel found.") { Actor = Agent }, messaging)!;

        Assert.Equal($"Re {driver.Ticket.TicketId}", message.Subject);
        Assert.Equal($"Hi {driver.Ticket.Customer.Name}: Parcel found.", message.Body);
    }

    [Theory]
    [InlineData("Subject {unknown}\nBody", 1)]
    [InlineData("\nBody", 1)]
    [InlineData("Subject {ticketId}\n{message} by {deadline}", 0)]
    public void Validate_Template_ListsProblems(string template, int problems) =>
        Assert.Equal(problems, MessageTemplates.Validate(template).Length);

    [Fact]
    public void EveryCustomerFacingMoment_OneMessageOfItsKind()
    {
        var driver = new TicketDriver().Opened();
        var kinds = new List<OutboundMessageKind?>
        {
            MessageOf(driver, Sample(TicketCommandKind.Acknowledge, driver.State))?.Kind,
            MessageOf(driver, Sample(TicketCommandKind.Assign, driver.State))?.Kind,
            MessageOf(driver, Sample(TicketCommandKind.RequestInformation, driver.State))?.Kind,
            MessageOf(driver, Sample(TicketCommandKind.CustomerReply, driver.State))?.Kind,
            MessageOf(driver, Sample(TicketCommandKind.Reply, driver.State))?.Kind,
            MessageOf(driver, new ReplyToCustomer(ReplyVisibility.Internal, "Staff only.") { Actor = Agent })?.Kind,
            MessageOf(driver, new ProposeResolution(ApologyPlan()) { Actor = Agent })?.Kind,
            MessageOf(driver, new RecordCustomerConfirmation(true, "Yes.") { Actor = Customer })?.Kind,
        };
        var resolved = driver.Must(Sample(TicketCommandKind.Resolve, driver.State));
        var state = TicketState.Replay(driver.History.Take(driver.History.Count - resolved.Length));
        var atResolution = new List<OutboundMessageKind>();
        foreach (var e in resolved)
        {
            state = state.Apply(e);
            if (Everywhere.MessageFor(state, e) is { } m)
            {
                atResolution.Add(m.Kind);
            }
        }

        Assert.Equal(
            [OutboundMessageKind.Acknowledgement, null, OutboundMessageKind.InformationRequest, null, OutboundMessageKind.Reply, null, OutboundMessageKind.ProposedPlan, null],
            kinds);
        Assert.Equal([OutboundMessageKind.Resolution, OutboundMessageKind.Survey], atResolution);
    }

    [Fact]
    public void MessageFor_ChannelWithoutWayBack_None()
    {
        var driver = new TicketDriver().Opened();

        Assert.Null(MessageOf(driver, Sample(TicketCommandKind.Acknowledge, driver.State), CustomerMessaging.None));
    }

    [Fact]
    public void Attempted_FailuresThenSuccess_CountsAttempts()
    {
        var at = Start;
        var message = new OutboundMessage("T:2:reply", "T", OutboundMessageKind.Reply, "en", Channel.App, "x", "s", "b", at);

        var failed = message.Attempted("503", at, maxAttempts: 3).Attempted("503", at, 3);
        var sent = failed.Attempted(null, at.AddSeconds(3), 3);
        var givenUp = failed.Attempted("503", at, 3);

        Assert.Equal((MessageDeliveryStatus.Retrying, 2, "503"), (failed.Status, failed.Attempts, failed.LastError));
        Assert.Equal((MessageDeliveryStatus.Sent, 3, at.AddSeconds(3)), (sent.Status, sent.Attempts, sent.SentAt));
        Assert.Equal((MessageDeliveryStatus.Failed, 3, false), (givenUp.Status, givenUp.Attempts, givenUp.IsOwed));
    }

    [Fact]
    public void DelayAfter_Doubles_UpToMax()
    {
        var messaging = CustomerMessaging.None with { RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(5) };

        Assert.Equal([1, 2, 4, 5, 5], new[] { 1, 2, 3, 4, 20 }.Select(n => messaging.DelayAfter(n).TotalSeconds));
    }
}
