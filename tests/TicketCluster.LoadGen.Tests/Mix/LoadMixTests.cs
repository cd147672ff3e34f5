using TicketCluster.Domain;
using TicketCluster.LoadGen.Mix;

namespace TicketCluster.LoadGen.Tests.Mix;

public sealed class LoadMixTests
{
    [Fact]
    public void Parse_NamesAndWeights_InOrder()
    {
        var weights = MixSpec.Parse("app=3, hotline = 1.5", LoadMix.ChannelNames);

        Assert.Equal([new("app", 3), new("hotline", 1.5)], weights);
    }

    [Theory]
    [InlineData("fax=1")]
    [InlineData("app=-1")]
    [InlineData("app")]
    [InlineData("app=x")]
    [InlineData("")]
    public void Parse_Malformed_Throws(string spec)
    {
        Assert.Throws<FormatException>(() => MixSpec.Parse(spec, LoadMix.ChannelNames));
    }

    [Fact]
    public void Default_Defaults_EveryNameIsTheApiName()
    {
        var mix = LoadMix.Default;

        Assert.Equal(Enum.GetValues<Channel>().Length, mix.Channels.Count);
        Assert.Contains("web-form", LoadMix.ChannelNames);
        Assert.Contains("product-quality", LoadMix.CategoryNames);
        Assert.Equal(["normal", "serious", "urgent"], LoadMix.SeverityNames);
    }

    [Fact]
    public void ValueOf_EveryName_RoundTrips()
    {
        Assert.All(Enum.GetValues<TicketCategory>(), c => Assert.Equal(c, LoadMix.ValueOf<TicketCategory>(LoadMix.NameOf(c))));
        Assert.All(Enum.GetValues<Channel>(), c => Assert.Equal(c, LoadMix.ValueOf<Channel>(LoadMix.NameOf(c))));
    }

    [Fact]
    public void Parse_SharesOverOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadMix.Parse(LoadMix.DefaultChannels, LoadMix.DefaultCategories, LoadMix.DefaultSeverities, 0.7, 0.4, 0.5));
    }
}
