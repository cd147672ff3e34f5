using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;

namespace TicketCluster.Grains.Serialization;

/// <summary>
/// Whether a value of a type can never change once built, all the way down, judged from the type's fields:
/// every instance field (inherited ones too) is <c>readonly</c> and of a deeply immutable type. Leaves are
/// the primitive and date types, strings, enums and the <c>System.Collections.Immutable</c> collections of
/// deeply immutable elements. A type that is not sealed counts only when every type of its own assembly
/// that derives from it counts too, since a field of the base type may hold any of them; a type of another
/// assembly deriving from it is not seen (the copier that relies on this, <see cref="ImmutableDomainCopier"/>,
/// takes only the Domain's types, whose hierarchies are closed on the wire). Anything unknown (an
/// interface, <see cref="object"/>, an array, an open type parameter, a mutable collection, a delegate, any other framework type) is
/// not immutable.
/// </summary>
/// <remarks>A value whose type is deeply immutable can be handed to another grain in the same silo as it
/// is: neither side can change what the other sees. Orleans otherwise copies every argument and answer of
/// a call inside one silo (for the Domain's types, through System.Text.Json).</remarks>
public static class DeepImmutability
{
    private static readonly FrozenSet<Type> Leaves = new[]
    {
        typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan),
        typeof(DateOnly), typeof(TimeOnly), typeof(Guid), typeof(Uri), typeof(Half), typeof(Int128), typeof(UInt128),
    }.ToFrozenSet();

    private static readonly FrozenSet<Type> ImmutableCollections = new[]
    {
        typeof(ImmutableArray<>), typeof(ImmutableList<>), typeof(ImmutableHashSet<>), typeof(ImmutableSortedSet<>),
        typeof(ImmutableQueue<>), typeof(ImmutableStack<>), typeof(ImmutableDictionary<,>), typeof(ImmutableSortedDictionary<,>),
    }.ToFrozenSet();

    private static readonly ConcurrentDictionary<Type, bool> Known = new();

    /// <summary>Whether every value of <paramref name="type"/> is deeply immutable.</summary>
    public static bool IsDeeplyImmutable(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Known.TryGetValue(type, out var known))
        {
            return known;
        }

        var result = Judge(type, []);
        Known.TryAdd(type, result);
        return result;
    }

    /// <summary>Why <paramref name="type"/> is not deeply immutable: the first field (as
    /// <c>Type.field</c>) or type that fails; null when it is.</summary>
    public static string? Explain(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        string? reason = null;
        return Judge(type, [], r => reason ??= r) ? null : reason ?? type.FullName;
    }

    // `inProgress` holds the types being judged further up: a type that reaches itself (a record holding a list
    // of its own kind) is judged by its other fields.
    private static bool Judge(Type type, HashSet<Type> inProgress, Action<string>? why = null)
    {
        if (type.IsPrimitive || type.IsEnum || Leaves.Contains(type))
        {
            return true;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Judge(underlying, inProgress, why);
        }

        if (type.IsGenericType && ImmutableCollections.Contains(type.GetGenericTypeDefinition()))
        {
            return type.GetGenericArguments().All(t => Judge(t, inProgress, why));
        }

        if (type.IsGenericParameter || type.IsInterface || type.IsArray || type.IsPointer || type.IsByRef || type == typeof(object)
            || typeof(Delegate).IsAssignableFrom(type) || IsFramework(type.Assembly))
        {
            why?.Invoke(type.FullName ?? type.Name);
            return false;
        }

        if (!inProgress.Add(type))
        {
            return true;
        }

        try
        {
            foreach (var field in InstanceFields(type))
            {
                if (!field.IsInitOnly || !Judge(field.FieldType, inProgress, why))
                {
                    why?.Invoke($"{field.DeclaringType?.Name}.{field.Name}");
                    return false;
                }
            }

            return type.IsSealed || type.IsValueType
                || DerivedInOwnAssembly(type).All(derived => Judge(derived, inProgress, why));
        }
        finally
        {
            inProgress.Remove(type);
        }
    }

    // A framework type's fields are its own business (a lazily built cache may sit in a readonly one): only the
    // ones listed above count.
    private static bool IsFramework(Assembly assembly) =>
        assembly.GetName().Name is { } name && (name == "System.Private.CoreLib" || name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal));

    private static IEnumerable<FieldInfo> InstanceFields(Type type)
    {
        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                yield return field;
            }
        }
    }

    private static IEnumerable<Type> DerivedInOwnAssembly(Type type) =>
        type.Assembly.GetTypes().Where(t => t != type && type.IsAssignableFrom(t) && !t.ContainsGenericParameters);
}
