using System.Collections.Immutable;
using TicketCluster.Grains.Parties;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

public sealed class WatermarksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 8, 0, 0, TimeSpan.Zero);

    private static Sequenced<string> Fact(long sequence) => new(sequence, "f" + sequence);

    [Fact]
    public void Accept_BatchOutOfOrderWithRepeats_AppliesEachNewSequenceOnceInOrder()
    {
        var (fresh, marks) = Watermarks.Accept(ImmutableDictionary<string, Watermark>.Empty, "T1", [Fact(3), Fact(1), Fact(2), Fact(2)], Now);

        Assert.Equal(new[] { "f1", "f2", "f3" }, fresh.ToArray());
        Assert.Equal(new Watermark(3, Now), marks["T1"]);
    }

    [Fact]
    public void Accept_AtOrBelowWatermark_DroppedAndNothingChanges()
    {
        var (_, marks) = Watermarks.Accept(ImmutableDictionary<string, Watermark>.Empty, "T1", [Fact(1), Fact(2)], Now);

        var (fresh, again) = Watermarks.Accept(marks, "T1", [Fact(1), Fact(2)], Now + TimeSpan.FromHours(1));

        Assert.Empty(fresh);
        Assert.Same(marks, again);
    }

    [Fact]
    public void Accept_WatermarkOlderThanRetention_Forgotten()
    {
        var (_, marks) = Watermarks.Accept(ImmutableDictionary<string, Watermark>.Empty, "T-old", [Fact(1)], Now);

        var (_, later) = Watermarks.Accept(marks, "T-new", [Fact(1)], Now + Watermarks.Retention + TimeSpan.FromDays(1));

        Assert.Equal(["T-new"], later.Keys);
    }
}
