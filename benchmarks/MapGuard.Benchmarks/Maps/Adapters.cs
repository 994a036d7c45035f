using System.Collections.Concurrent;

namespace MapGuard.Benchmarks.Maps;

/// <summary>Raw BCL ConcurrentDictionary: the baseline.</summary>
public readonly struct ConcurrentDictionaryAdapter<TKey>(ConcurrentDictionary<TKey, long> map) : IBenchMap<TKey>
    where TKey : notnull
{
    public bool TryGetValue(TKey key, out long value) => map.TryGetValue(key, out value);

    public void Write(TKey key, long value) => map[key] = value;
}

/// <summary>NonBlocking's lock-free dictionary: the second baseline.</summary>
public readonly struct NonBlockingAdapter<TKey>(NonBlocking.ConcurrentDictionary<TKey, long> map) : IBenchMap<TKey>
    where TKey : notnull
{
    public bool TryGetValue(TKey key, out long value) => map.TryGetValue(key, out value);

    public void Write(TKey key, long value) => map[key] = value;
}

/// <summary>Any MapGuard map, through its concrete (sealed) type so calls devirtualise.</summary>
public readonly struct MapGuardAdapter<TKey, TMap>(TMap map) : IBenchMap<TKey>
    where TKey : notnull
    where TMap : class, IConcurrentMap<TKey, long>
{
    public bool TryGetValue(TKey key, out long value) => map.TryGetValue(key, out value);

    public void Write(TKey key, long value) => map[key] = value;
}
