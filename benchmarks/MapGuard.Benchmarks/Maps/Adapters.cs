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

// One adapter per MapGuard map, each over the concrete sealed type. A generic adapter over "any TMap : class" would
// be compiled once for all reference types (shared canonical code) and call through the interface.

/// <summary>LockedMap through its concrete type.</summary>
public readonly struct LockedMapAdapter<TKey>(LockedMap<TKey, long> map) : IBenchMap<TKey>
    where TKey : notnull
{
    public bool TryGetValue(TKey key, out long value) => map.TryGetValue(key, out value);

    public void Write(TKey key, long value) => map[key] = value;
}

/// <summary>ShardedMap through its concrete type.</summary>
public readonly struct ShardedMapAdapter<TKey>(ShardedMap<TKey, long> map) : IBenchMap<TKey>
    where TKey : notnull
{
    public bool TryGetValue(TKey key, out long value) => map.TryGetValue(key, out value);

    public void Write(TKey key, long value) => map[key] = value;
}

/// <summary>LockFreeMap through its concrete type.</summary>
public readonly struct LockFreeMapAdapter<TKey>(LockFreeMap<TKey, long> map) : IBenchMap<TKey>
    where TKey : notnull
{
    public bool TryGetValue(TKey key, out long value) => map.TryGetValue(key, out value);

    public void Write(TKey key, long value) => map[key] = value;
}

/// <summary>ReadMostlyMap through its concrete type.</summary>
public readonly struct ReadMostlyMapAdapter<TKey>(ReadMostlyMap<TKey, long> map) : IBenchMap<TKey>
    where TKey : notnull
{
    public bool TryGetValue(TKey key, out long value) => map.TryGetValue(key, out value);

    public void Write(TKey key, long value) => map[key] = value;
}

/// <summary>LockedMap's core with a chosen lock policy, for the Lock-versus-ReaderWriterLockSlim comparison.</summary>
internal readonly struct LockedCoreAdapter<TLock>(MapGuard.Locked.LockedMapCore<long, long, TLock> map) : IBenchMap<long>
    where TLock : struct, MapGuard.Locked.ILockPolicy
{
    public bool TryGetValue(long key, out long value) => map.TryGetValue(key, out value);

    public void Write(long key, long value) => map[key] = value;
}

/// <summary>Any map through the <see cref="IConcurrentMap{TKey, TValue}"/> interface, as a builder's user holds it.</summary>
public readonly struct ContractAdapter<TKey>(IConcurrentMap<TKey, long> map) : IBenchMap<TKey>
    where TKey : notnull
{
    public bool TryGetValue(TKey key, out long value) => map.TryGetValue(key, out value);

    public void Write(TKey key, long value) => map[key] = value;
}
