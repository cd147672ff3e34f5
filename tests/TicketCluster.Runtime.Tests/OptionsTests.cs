using TicketCluster.Runtime.Options;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Runtime.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Validate_Defaults_NoErrors()
    {
        Assert.Empty(new GrainRuntimeOptions().Validate());
    }

    [Fact]
    public void Validate_LeaseNotLongerThanPoll_NamesBothOptions()
    {
        var options = new GrainRuntimeOptions { MaxTurnAttempts = 0 };
        options.Reminders.Lease = TimeSpan.FromSeconds(1);

        var errors = options.Validate();

        Assert.Contains(errors, e => e.StartsWith("MaxTurnAttempts", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Reminders.Lease", StringComparison.Ordinal) && e.Contains("Reminders.MaxPollInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var options = new GrainRuntimeOptions { NodeId = " " };

        var error = Assert.Throws<ArgumentException>(() => new GrainRuntime(new InMemoryGrainStorage(), new GrainTypeRegistry(), options));

        Assert.Contains("NodeId", error.Message, StringComparison.Ordinal);
    }
}
