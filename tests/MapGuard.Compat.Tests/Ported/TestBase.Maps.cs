using System.Collections.Concurrent;
using MapGuard.Compat.Tests.Maps;

namespace MapGuard.Ported.RuntimeCollections;

/// <summary>
/// MapGuard.Compat.Tests' part of the root of dotnet/runtime's collection conformance suites (the shared part, in
/// tests/Shared/RuntimeCollections/TestBase.cs, says what each part provides): the one place where upstream's
/// <c>new ConcurrentDictionary&lt;TKey, TValue&gt;(...)</c> becomes the map under test.
/// </summary>
public abstract partial class TestBase
{
    /// <summary>Gets the map under test, or null for <see cref="ConcurrentDictionary{TKey, TValue}"/> itself: the
    /// reference, on which every case must pass (which shows the port is right).</summary>
    protected abstract MapKind? Kind { get; }

    /// <summary>Upstream's <c>new ConcurrentDictionary&lt;TKey, TValue&gt;(comparer)</c>.</summary>
    protected IDictionary<TKey, TValue> NewDictionary<TKey, TValue>(IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull =>
        Kind is null ? new ConcurrentDictionary<TKey, TValue>(comparer) : Kind.Create<TKey, TValue>(comparer);

    /// <summary>Upstream's <c>new ConcurrentDictionary&lt;TKey, TValue&gt;(collection, comparer)</c>: the map's own
    /// collection constructor where it has one (<see cref="MapKind.Create{TKey, TValue}(IEnumerable{KeyValuePair{TKey, TValue}}, IEqualityComparer{TKey}?)"/>).</summary>
    protected IDictionary<TKey, TValue> NewDictionary<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull =>
        Kind is null ? new ConcurrentDictionary<TKey, TValue>(collection, comparer) : Kind.Create(collection, comparer);

    /// <summary>The type's own <c>TryAdd</c> (not the <c>CollectionExtensions</c> one on <see cref="IDictionary{TKey, TValue}"/>,
    /// which is ContainsKey then Add).</summary>
    protected static bool TryAdd<TKey, TValue>(IDictionary<TKey, TValue> dictionary, TKey key, TValue value)
        where TKey : notnull => dictionary switch
        {
            ConcurrentDictionary<TKey, TValue> reference => reference.TryAdd(key, value),
            IConcurrentMap<TKey, TValue> map => map.TryAdd(key, value),
            _ => throw new InvalidOperationException($"not a dictionary under test: {dictionary.GetType()}"),
        };
}
