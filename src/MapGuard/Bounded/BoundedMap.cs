using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MapGuard.Bounded.Policies;
using MapGuard.Internal;
using MapGuard.Telemetry;

namespace MapGuard.Bounded;

/// <summary>
/// A governed map: capacity with eviction, expiry and eviction notices, over any map strategy that stores the
/// entries. Built by <see cref="MapBuilder{TKey, TValue}"/>; <typeparamref name="TPolicy"/> is the eviction policy and
/// <typeparamref name="TTelemetry"/> the telemetry policy (<see cref="NoTelemetry"/> compiles every count away).
/// </summary>
internal sealed partial class BoundedMap<TKey, TValue, TPolicy, TTelemetry> : IConcurrentMap<TKey, TValue>, IOnceOps<TKey, TValue>
    where TKey : notnull
    where TPolicy : struct, IEvictionPolicy<TKey, TValue>
    where TTelemetry : struct, ITelemetryPolicy
{
    /*
     * Concurrency: reads are lock-free: a lookup in the inner map, an expiry check, then the policy's access record
     *   (an Accessed bit and a frequency-sketch bump, both RACE(benign)). A write of a new value over a live key
     *   (Set, AddOrUpdate) takes no lock when WritesInPlace: it claims the entry with one CAS on its Version, writes,
     *   and releases. Every other write takes _lock, and claims each entry it writes, compares or removes, waiting out
     *   an in-place writer (a few stores); a removed entry is retired before it leaves the inner map, so an in-place
     *   write lands while its key is present or not at all. So the inner map, _count, the policy queues and the
     *   write-order list change together for writers: every single-key operation is linearizable, a write's evictions
     *   happen inside it, and Count never exceeds the capacity (a stronger bound than "capacity plus the writers in
     *   flight"). Lock-free readers see the inner map's writes one at a time: an
     *   insert is visible a moment before its victims leave, and Clear (atomic to writers, since it holds _lock) is
     *   atomic to readers only if the inner map's Clear is (ShardedMap, LockedMap, ConcurrentDictionary), not over
     *   LockFreeMap or ReadMostlyMap, where a reader can see some keys gone and others not yet.
     *   Value factories run outside the lock, so they can run more than once for one key, as with
     *   ConcurrentDictionary; AddOrUpdate validates its read against the entry's Version and retries.
     *   Notices are collected under the lock and delivered after it is released.
     * Memory ordering (rules of the .NET memory model, docs/design/specs/Memory-model.md in dotnet/runtime): an entry
     *   is fully built before the inner map publishes it (the inner map's release store; readers reach it through the
     *   inner map's acquire). In-place value writes happen only for types whose aligned accesses the model makes
     *   atomic (ValueTraits); others get a new entry. A claim is a CAS on Version (a full fence) and ends with a
     *   Volatile.Write (release) of Version after Value; AddOrUpdate reads Version with Volatile.Read (acquire) before
     *   Value. _count and AccessTime are written with
     *   Volatile.Write and read with Volatile.Read; WriteTime is read with Volatile.Read, which makes its 64-bit read
     *   atomic on every platform. Lock acquire and release order everything written under _lock.
     * Progress: reads are as the inner map's (lock-free for LockFreeMap); in-place writes never wait (a failed claim
     *   falls back to the lock); other writes block on _lock.
     * Resizing: the inner map's.
     * Telemetry: TTelemetry counts each call inline (NoTelemetry compiles to nothing): once a call returns, the cell of
     *   its op and result, and a rejection where ThrowFull refuses; striped plain increments, RACE(benign) as
     *   MapTelemetry says. Evictions are counted under _lock.
     * References: Caffeine (Ben Manes) for the shape: a concurrent hash table plus policy queues guarded by one lock,
     *   with reads recorded lossily; expiry swept in write order without a thread of its own.
     */

    private readonly IConcurrentMap<TKey, BoundedEntry<TKey, TValue>> _inner;
    private readonly KeyComparer<TKey> _keys; // the seeded hash that the frequency sketch counts
    private readonly TPolicy _policy;
    private readonly int _capacity;
    private readonly ExpirySettings _expiry;
    private readonly Action<EvictionNotice<TKey, TValue>>? _onEviction;
    private readonly Lock _lock = new();
    private readonly EntryList<TKey, TValue>? _writeOrder; // GUARDED BY: _lock. Null when nothing expires.
    private readonly List<BoundedEntry<TKey, TValue>> _victims = []; // GUARDED BY: _lock. Scratch for OnInsert.
    private int _count; // GUARDED BY: _lock for writes; READ WITH: Volatile.Read
    private readonly TTelemetry _telemetry; // counts operations, lock waits and evictions; NoTelemetry when metrics are off
    private readonly MapLabel _label; // the name errors and notices use

    public BoundedMap(
        IConcurrentMap<TKey, BoundedEntry<TKey, TValue>> inner,
        IEqualityComparer<TKey>? comparer,
        TPolicy policy,
        int capacity,
        ExpirySettings expiry,
        Action<EvictionNotice<TKey, TValue>>? onEviction,
        TTelemetry telemetry = default,
        string? name = null)
    {
        _inner = inner;
        _telemetry = telemetry;
        _label = new MapLabel(name);
        _keys = new KeyComparer<TKey>(comparer);
        _policy = policy;
        _capacity = capacity;
        _expiry = expiry;
        _onEviction = onEviction;
        if (expiry.Enabled)
        {
            _writeOrder = new EntryList<TKey, TValue>();
            CleanupTimer.Start(this, expiry.Clock, expiry.SweepPeriod);
        }
    }

    /// <summary>Gets the eviction policy; for tests that inspect its regions.</summary>
    internal TPolicy Policy => _policy;

    /// <summary>Gets the most keys the map holds; <see cref="int.MaxValue"/> when unbounded.</summary>
    public int Capacity => _capacity;

    public TValue this[TKey key]
    {
        get
        {
            if (!TryGetValue(key, out TValue? value))
            {
                Throw.KeyNotFound(key);
            }

            return value;
        }
        set => Set(key, value);
    }

    /// <inheritdoc/>
    /// <remarks>Exact for live entries plus expired ones not yet swept (a sweep runs on writes and on a timer).</remarks>
    public int Count => Volatile.Read(ref _count);

    public bool IsEmpty => Count == 0;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        if (TryGetValueUncounted(key, out value))
        {
            _telemetry.Count(MapCount.GetHit);
            return true;
        }

        _telemetry.Count(MapCount.GetMiss);
        return false;
    }

    private bool TryGetValueUncounted(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        long now = _expiry.Now();
        if (_inner.TryGetValue(key, out BoundedEntry<TKey, TValue>? entry) && !_expiry.IsExpired(entry, now))
        {
            RecordAccess(entry, now);
            value = entry.Value;
            return true;
        }

        value = default;
        return false;
    }

    public bool ContainsKey(TKey key)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        if (ContainsKeyUncounted(key))
        {
            _telemetry.Count(MapCount.GetHit);
            return true;
        }

        _telemetry.Count(MapCount.GetMiss);
        return false;
    }

    private bool ContainsKeyUncounted(TKey key)
    {
        return _inner.TryGetValue(key, out BoundedEntry<TKey, TValue>? entry) && !_expiry.IsExpired(entry, _expiry.Now());
    }

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() =>
        new MapEnumerator<BoundedMap<TKey, TValue, TPolicy, TTelemetry>, TKey, TValue>(this, static map => map.Walk());

    private IEnumerator<KeyValuePair<TKey, TValue>> Walk()
    {
        foreach (KeyValuePair<TKey, BoundedEntry<TKey, TValue>> pair in _inner)
        {
            if (!_expiry.IsExpired(pair.Value, _expiry.Now()))
            {
                yield return new KeyValuePair<TKey, TValue>(pair.Key, pair.Value.Value);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordAccess(BoundedEntry<TKey, TValue> entry, long now)
    {
        if (_policy.RecordsAccess)
        {
            if (!entry.Accessed)
            {
                entry.Accessed = true; // RACE(benign): see BoundedEntry; read first so hot entries stay cache-shared
            }

            _policy.OnRead(entry);
        }

        if (_expiry.AfterAccess != 0)
        {
            Volatile.Write(ref ExpiringEntry<TKey, TValue>.Of(entry).AccessTime, now);
        }
    }
}
