using MapGuard.Compat.Tests.Maps;
using Xunit.Sdk;

namespace MapGuard.Compat.Tests.Ported;

/// <summary>
/// The base of every suite ported from dotnet/runtime: the one place where upstream's construction
/// (<c>new ConcurrentDictionary&lt;TKey, TValue&gt;(...)</c>, with each of its constructors) is adapted to the map under
/// test. Each overload mirrors one <c>ConcurrentDictionary</c> constructor. A map with those constructors is built
/// through them; a wrapper (<see cref="MigratingMap{TKey, TValue}"/>, built maps) is built by its <see cref="MapKind"/>,
/// which has no concurrency level or capacity to pass, and tests of constructor arguments skip for it.
/// </summary>
public abstract class PortedSuite
{
    /// <summary>Gets the map under test.</summary>
    protected abstract MapKind Kind { get; }

    protected IConcurrentMap<TKey, TValue> NewDictionary<TKey, TValue>()
        where TKey : notnull => Kind.Create<TKey, TValue>();

    protected IConcurrentMap<TKey, TValue> NewDictionary<TKey, TValue>(IEqualityComparer<TKey> comparer)
        where TKey : notnull => Kind.Create<TKey, TValue>(comparer);

    protected IConcurrentMap<TKey, TValue> NewDictionary<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> collection)
        where TKey : notnull =>
        Kind is ConstructedKind constructed
            ? constructed.Construct<TKey, TValue>([typeof(IEnumerable<KeyValuePair<TKey, TValue>>)], [collection])
            : Kind.Create(collection);

    protected IConcurrentMap<TKey, TValue> NewDictionary<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey> comparer)
        where TKey : notnull => Kind.Create(collection, comparer);

    protected IConcurrentMap<TKey, TValue> NewDictionary<TKey, TValue>(int concurrencyLevel, int capacity)
        where TKey : notnull =>
        Kind is ConstructedKind constructed
            ? constructed.Construct<TKey, TValue>([typeof(int), typeof(int)], [concurrencyLevel, capacity])
            : Kind.Create<TKey, TValue>();

    protected IConcurrentMap<TKey, TValue> NewDictionary<TKey, TValue>(int concurrencyLevel, IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey> comparer)
        where TKey : notnull =>
        Kind is ConstructedKind constructed
            ? constructed.Construct<TKey, TValue>(
                [typeof(int), typeof(IEnumerable<KeyValuePair<TKey, TValue>>), typeof(IEqualityComparer<TKey>)], [concurrencyLevel, collection, comparer])
            : Kind.Create(collection, comparer);

    protected IConcurrentMap<TKey, TValue> NewDictionary<TKey, TValue>(int concurrencyLevel, int capacity, IEqualityComparer<TKey> comparer)
        where TKey : notnull =>
        Kind.Name == "ShardedMap" && (concurrencyLevel < 1 || (concurrencyLevel & (concurrencyLevel - 1)) != 0)
            ? throw SkipException.ForSkip(
                "ShardedMap's (int, int, IEqualityComparer) constructor is (shardCount, capacity, comparer): a power of two, as its XML docs say (docs/design/testing.md).")
            : Kind is ConstructedKind constructed
            ? constructed.Construct<TKey, TValue>([typeof(int), typeof(int), typeof(IEqualityComparer<TKey>)], [concurrencyLevel, capacity, comparer])
            : Kind.Create<TKey, TValue>(comparer);

    /// <summary>Upstream's <c>dictionary.Comparer</c>: the concrete map's public <c>Comparer</c>. What
    /// <see cref="MapBuilder"/> builds has none (see docs/design/testing.md), and the test skips.</summary>
    protected static IEqualityComparer<TKey> ComparerOf<TKey, TValue>(IConcurrentMap<TKey, TValue> dictionary)
        where TKey : notnull
    {
        System.Reflection.PropertyInfo property = dictionary.GetType().GetProperty("Comparer", typeof(IEqualityComparer<TKey>));
        Assert.SkipWhen(property is null, $"{dictionary.GetType().Name} has no Comparer: the maps MapBuilder builds do not expose one.");
        return (IEqualityComparer<TKey>)property!.GetValue(dictionary)!;
    }

    /// <summary>Skips a test of <c>ConcurrentDictionary</c>'s constructor arguments for a map that wraps others.</summary>
    protected void SkipUnlessConstructors() =>
        Assert.SkipUnless(Kind.HasConstructors, $"{Kind.Name} wraps other maps and has none of ConcurrentDictionary's constructors.");
}
