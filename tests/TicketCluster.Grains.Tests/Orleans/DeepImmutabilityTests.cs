using System.Collections.Immutable;
using System.Reflection;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Serialization;

namespace TicketCluster.Grains.Tests.Orleans;

public sealed class DeepImmutabilityTests
{
    public sealed record Leaves(string Text, int Count, decimal Amount, DateTimeOffset At, TimeSpan Span, Guid Id, TicketStatus Status, long? Maybe);

    public sealed record WithImmutableLists(ImmutableArray<Leaves> Items, ImmutableDictionary<string, ImmutableList<int>> ByKey);

    public sealed record WithList(List<int> Items);

    public sealed record WithReadOnlyList(IReadOnlyList<int> Items);

    public sealed record WithArray(int[] Items);

    public sealed class WithSetter
    {
        public string Name { get; set; } = "";
    }

    public sealed record WithObject(object Value);

    public sealed record Tree(string Name, ImmutableList<Tree> Children);

    public record Base(string Name);

    public sealed record DerivedWithSetter(string Name) : Base(Name)
    {
        public int Count { get; set; }
    }

    public abstract record Shape;

    public sealed record Square(int Side) : Shape;

    [Fact]
    public void Judge_FieldsOfLeavesAndImmutableCollections_AreImmutable()
    {
        Assert.Null(DeepImmutability.Explain(typeof(Leaves)));
        Assert.Null(DeepImmutability.Explain(typeof(WithImmutableLists)));
        Assert.Null(DeepImmutability.Explain(typeof(Tree)));
        Assert.True(DeepImmutability.IsDeeplyImmutable(typeof(Shape)));
    }

    [Theory]
    [InlineData(typeof(WithList))]
    [InlineData(typeof(WithReadOnlyList))]
    [InlineData(typeof(WithArray))]
    [InlineData(typeof(WithSetter))]
    [InlineData(typeof(WithObject))]
    [InlineData(typeof(Base))]
    [InlineData(typeof(ImmutableArray<WithSetter>))]
    [InlineData(typeof(List<string>))]
    public void Judge_AnythingThatCanChange_IsNotImmutable(Type type)
    {
        Assert.False(DeepImmutability.IsDeeplyImmutable(type));
        Assert.NotNull(DeepImmutability.Explain(type));
    }

    [Fact]
    public void Judge_BaseWithAMutableDerivedType_NamesTheField()
    {
        Assert.Contains("Count", DeepImmutability.Explain(typeof(Base)), StringComparison.Ordinal);
    }

    /// <summary>The point of the copier: every Domain type a grain interface takes or answers is handed over
    /// as it is inside one silo. A Domain type that gains a mutable field fails here, naming it.</summary>
    [Fact]
    public void DomainTypesOfGrainInterfaces_AreAllDeeplyImmutable()
    {
        var domain = typeof(TicketState).Assembly;
        var crossing = typeof(ITicketGrain).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
            .SelectMany(Unwrap)
            .Where(t => t.Assembly == domain)
            .Distinct()
            .ToList();

        Assert.Contains(typeof(TicketState), crossing);
        Assert.Contains(typeof(TicketCommand), crossing);
        Assert.Equal("", Failures(crossing));
    }

    private static string Failures(IEnumerable<Type> types) =>
        string.Join("; ", types.Select(t => DeepImmutability.Explain(t) is { } why ? $"{t.Name}: {why}" : null).OfType<string>());

    private static IEnumerable<Type> Unwrap(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap) : [type];

    /// <summary>The project's own Orleans types marked <c>[Immutable]</c> are shallow-copied by Orleans: each
    /// must be deeply immutable, or a local call would share a value both sides can change.</summary>
    [Fact]
    public void GrainTypesMarkedImmutable_AreDeeplyImmutable()
    {
        var marked = typeof(ITicketGrain).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<ImmutableAttribute>() is not null)
            .ToList();

        Assert.NotEmpty(marked);
        Assert.Equal("", Failures(marked));
    }
}
