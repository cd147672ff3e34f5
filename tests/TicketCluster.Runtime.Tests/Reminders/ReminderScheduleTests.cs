using TicketCluster.Runtime.Reminders;

namespace TicketCluster.Runtime.Tests.Reminders;

public sealed class ReminderScheduleTests
{
    private static readonly DateTimeOffset Due = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 10)]
    [InlineData(3, 10)]
    [InlineData(10, 20)]
    [InlineData(25, 30)]
    public void NextDueAfter_Now_FirstGridTickStrictlyAfterNow(int nowMinutes, int expectedMinutes)
    {
        var next = ReminderSchedule.NextDueAfter(Due, TimeSpan.FromMinutes(10), Due.AddMinutes(nowMinutes));

        Assert.Equal(Due.AddMinutes(expectedMinutes), next);
    }
}
