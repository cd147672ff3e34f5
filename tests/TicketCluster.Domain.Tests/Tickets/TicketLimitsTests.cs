using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>The per-ticket caps: a person's command that would overfill a ticket is refused whole.</summary>
public sealed class TicketLimitsTests
{
    private static TicketDriver With(TicketLimits limits) => new(TicketPolicy.Default with { Limits = limits });

    [Fact]
    public void AddEvidence_PastMaxEvidence_RefusedWithTicketFullAndNoEvents()
    {
        var driver = With(new TicketLimits { MaxEvidence = 3 }).Opened();
        driver.Must(new AddEvidence([Photo, Photo]) { Actor = Agent });

        var rejection = driver.MustFail(new AddEvidence([Photo]) { Actor = Agent });

        Assert.Equal(new TicketFull("evidence", 3), rejection);
        Assert.Equal(3, driver.Ticket.Evidence.Length);
    }

    [Fact]
    public void AddContact_PastMaxContacts_RefusedWithTicketFull()
    {
        var driver = With(new TicketLimits { MaxContacts = 2 }).Opened();
        driver.Must(new AddContact(Channel.Email, "mail-2", "Same problem.", []) { Actor = Agent });

        var rejection = driver.MustFail(new AddContact(Channel.Email, "mail-3", "Same problem again.", []) { Actor = Agent });

        Assert.Equal(new TicketFull("contacts", 2), rejection);
    }

    [Fact]
    public void Escalate_PastMaxNotes_RefusedWithTicketFull()
    {
        var driver = With(new TicketLimits { MaxNotes = 2 }).Opened();
        driver.Must(new EscalateTicket("Called twice.") { Actor = Supervisor });

        var rejection = driver.MustFail(new EscalateTicket("Called again.") { Actor = Supervisor });

        Assert.Equal(new TicketFull("notes", 2), rejection);
        Assert.Equal(2, driver.Ticket.Content.Notes);
    }

    [Fact]
    public void Acknowledge_PastMaxContentLength_RefusedWithTicketFull()
    {
        var driver = With(new TicketLimits { MaxContentLength = 10_000 }).Opened();

        var rejection = driver.MustFail(new AcknowledgeTicket(new string('x', 10_000)) { Actor = Agent });

        Assert.Equal(new TicketFull("content-length", 10_000), rejection);
    }

    [Fact]
    public void DeadlineTick_OnATicketAtItsNoteCap_IsAccepted()
    {
        var driver = With(new TicketLimits { MaxNotes = 1 }).Opened(Severity.Urgent);

        var events = driver.FireNext(ClockKind.FirstResponse);

        Assert.NotEmpty(events);
    }

    [Fact]
    public void Acknowledge_OnATicketAtItsEvidenceCap_IsAccepted()
    {
        var driver = With(new TicketLimits { MaxEvidence = 1 }).Opened();

        driver.Must(new AcknowledgeTicket("On it.") { Actor = Agent });

        Assert.Single(driver.Ticket.Evidence);
    }

    [Fact]
    public void Content_ReplayedFromTheHistory_EqualsTheLiveCount()
    {
        var driver = new TicketDriver().Opened();
        driver.Must(new AddEvidence([Photo]) { Actor = Agent });
        driver.Must(new AcknowledgeTicket("On it.") { Actor = Agent });

        var replayed = TicketState.Replay(driver.History);

        Assert.Equal(driver.Ticket.Content, replayed.Content);
        Assert.Equal(2, replayed.Content.Notes);
        Assert.True(replayed.Content.Length > Photo.Url.Length + "On it.".Length);
    }

    [Fact]
    public void Validate_Defaults_NoErrors() => Assert.Empty(TicketLimits.Default.Validate("Limits"));

    [Fact]
    public void Validate_ZeroAndHugeCaps_NamesEachSetting()
    {
        var errors = new TicketLimits { MaxEvidence = 0, MaxContacts = 0, MaxNotes = 0, MaxContentLength = long.MaxValue }.Validate("Limits");

        Assert.Equal(4, errors.Length);
        Assert.Contains(errors, e => e.StartsWith("Limits:MaxEvidence", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Limits:MaxContentLength", StringComparison.Ordinal));
    }
}
