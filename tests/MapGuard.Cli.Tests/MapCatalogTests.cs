using System.Collections;
using System.Diagnostics.CodeAnalysis;
using MapGuard.Cli.Matrix.Maps;

namespace MapGuard.Cli.Tests;

/// <summary>Which types the matrix discovers as maps, and how --maps selects them.</summary>
public sealed class MapCatalogTests
{
    [Fact]
    public void All_HasTheReferenceFirst_ThenLibraryMapsByName_WithoutTheAdapter()
    {
        var names = MapCatalog.All.Select(m => m.Name).ToList();

        Assert.Equal("ConcurrentDictionary", names[0]);
        Assert.True(MapCatalog.All[0].IsReference);
        Assert.Contains("LockedMap", names);
        Assert.Contains("ShardedMap", names);
        Assert.DoesNotContain("ConcurrentDictionaryMap", names);
        Assert.Equal(names.Skip(1).Order(StringComparer.Ordinal), names.Skip(1));
    }

    [Fact]
    public void Discover_FindsOnlyPublicSealedGenericMapsWithAParameterlessConstructor()
    {
        var names = MapCatalog.Discover(typeof(MapCatalogTests).Assembly).Select(m => m.Name);

        Assert.Equal(["ConcurrentDictionary", "CountingMap", "DiscoverableMap", "ForgetfulMap"], names);
    }

    [Fact]
    public void CreateMap_BuildsAWorkingMapOfTheDiscoveredType()
    {
        var descriptor = MapCatalog.All.Single(m => m.Name == "ShardedMap");

        var map = descriptor.CreateMap<string>();
        map["a"] = 1;

        Assert.IsType<ShardedMap<string, long>>(map);
        Assert.Equal(1, map["a"]);
    }

    [Fact]
    public void Select_IsCaseInsensitive_AlwaysAddsTheReference_AndKeepsCatalogueOrder()
    {
        var selected = MapCatalog.Select(" shardedmap , LOCKEDMAP ").Select(m => m.Name);

        Assert.Equal(["ConcurrentDictionary", "LockedMap", "ShardedMap"], selected);
    }

    [Fact]
    public void Select_Nothing_MeansEveryMap()
    {
        Assert.Same(MapCatalog.All, MapCatalog.Select(null));
    }
}

/// <summary>Implements the contract by delegating, so test types below can be one line each.</summary>
public abstract class DelegatingMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionaryMap<TKey, TValue> _inner = new();

    public virtual TValue this[TKey key] { get => _inner[key]; set => _inner[key] = value; }

    public int Count => _inner.Count;

    public bool IsEmpty => _inner.IsEmpty;

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory) => _inner.AddOrUpdate(key, addValue, updateValueFactory);

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) => _inner.AddOrUpdate(key, addValueFactory, updateValueFactory);

    public void Clear() => _inner.Clear();

    public bool ContainsKey(TKey key) => _inner.ContainsKey(key);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _inner.GetEnumerator();

    public TValue GetOrAdd(TKey key, TValue value) => _inner.GetOrAdd(key, value);

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory) => _inner.GetOrAdd(key, valueFactory);

    public virtual bool TryAdd(TKey key, TValue value) => _inner.TryAdd(key, value);

    public virtual bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _inner.TryGetValue(key, out value);

    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value) => _inner.TryRemove(key, out value);

    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue) => _inner.TryUpdate(key, newValue, comparisonValue);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Found: public, sealed, generic, parameterless constructor.</summary>
public sealed class DiscoverableMap<TKey, TValue> : DelegatingMap<TKey, TValue>
    where TKey : notnull;

/// <summary>Not found: not sealed.</summary>
public class UnsealedMap<TKey, TValue> : DelegatingMap<TKey, TValue>
    where TKey : notnull;

/// <summary>Not found: no parameterless constructor.</summary>
public sealed class CapacityOnlyMap<TKey, TValue>(int capacity) : DelegatingMap<TKey, TValue>
    where TKey : notnull
{
    public int Capacity => capacity;
}

/// <summary>Not found: not public.</summary>
internal sealed class HiddenMap<TKey, TValue> : DelegatingMap<TKey, TValue>
    where TKey : notnull;

/// <summary>Not found: closed over a key type rather than generic.</summary>
public sealed class StringMap : DelegatingMap<string, long>;

/// <summary>Not found: the type parameters are not the contract's (the value type is fixed).</summary>
public sealed class WrappedValueMap<TKey, TExtra> : DelegatingMap<TKey, int>
    where TKey : notnull;
