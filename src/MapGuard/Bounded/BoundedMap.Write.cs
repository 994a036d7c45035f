using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using MapGuard.Internal;
using MapGuard.Telemetry;

namespace MapGuard.Bounded;

internal sealed partial class BoundedMap<TKey, TValue, TPolicy, TTelemetry>
{
    /// <summary>Entries swept per write: enough to keep pace with the writes that made them, small enough to be cheap.</summary>
    private const int SweepPerWrite = 4;

    // The GetOrAddOnce gate, created on first use. PUBLISHED BY: Interlocked.CompareExchange in FactoryGate.For;
    // READ WITH: Volatile.Read there.
    private FactoryGate<TKey>? _factoryGate;

    public bool TryAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        List<EvictionNotice<TKey, TValue>>? notices = null;
        bool added;
        using (LockTiming.Enter(_lock, _telemetry.Telemetry))
        {
            long now = BeginWrite(ref notices);
            added = FindLive(key, now, ref notices) is null && Insert(key, value, now, ref notices);
        }

        Deliver(notices);
        _telemetry.Count(added ? MapCount.AddStored : MapCount.AddRejected);
        return added;
    }

    private void Set(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        if (WritesInPlace && _inner.TryGetValue(key, out BoundedEntry<TKey, TValue>? found) &&
            TryWriteInPlace(found, Volatile.Read(ref found.Version), value))
        {
            _telemetry.Count(MapCount.SetStored);
            return;
        }

        List<EvictionNotice<TKey, TValue>>? notices = null;
        try
        {
            using (LockTiming.Enter(_lock, _telemetry.Telemetry))
            {
                long now = BeginWrite(ref notices);
                if (FindLive(key, now, ref notices) is { } entry)
                {
                    WriteValue(entry, entry.Claim(), value, now, ref notices);
                }
                else if (!Insert(key, value, now, ref notices))
                {
                    ThrowFull(MapCount.SetRejected);
                }
            }
        }
        finally
        {
            Deliver(notices);
        }
        _telemetry.Count(MapCount.SetStored);
    }

    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        List<EvictionNotice<TKey, TValue>>? notices = null;
        bool removed = false;
        value = default;
        using (LockTiming.Enter(_lock, _telemetry.Telemetry))
        {
            long now = BeginWrite(ref notices);
            if (FindLive(key, now, ref notices) is { } entry)
            {
                Remove(entry, EvictionReason.Removed, ref notices);
                value = entry.Value; // retired: no writer changes it any more
                removed = true;
            }
        }

        Deliver(notices);
        _telemetry.Count(removed ? MapCount.RemoveHit : MapCount.RemoveMiss);
        return removed;
    }

    public bool TryRemove(KeyValuePair<TKey, TValue> item)
    {
        MapSurface<TKey, TValue>.ThrowIfItemKeyNull(item);
        List<EvictionNotice<TKey, TValue>>? notices = null;
        bool removed = false;
        using (LockTiming.Enter(_lock, _telemetry.Telemetry))
        {
            long now = BeginWrite(ref notices);
            if (FindLive(item.Key, now, ref notices) is { } entry)
            {
                // The claim spans the comparison and the removal, so no in-place write slips between them.
                int version = entry.Claim();
                removed = EqualityComparer<TValue>.Default.Equals(entry.Value, item.Value);
                if (removed)
                {
                    Remove(entry, version, EvictionReason.Removed, ref notices);
                }
                else
                {
                    entry.Release(version);
                }
            }
        }

        Deliver(notices);
        _telemetry.Count(removed ? MapCount.RemoveHit : MapCount.RemoveMiss);
        return removed;
    }

    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        List<EvictionNotice<TKey, TValue>>? notices = null;
        bool updated = false;
        using (LockTiming.Enter(_lock, _telemetry.Telemetry))
        {
            long now = BeginWrite(ref notices);
            if (FindLive(key, now, ref notices) is { } entry)
            {
                updated = WriteIfEqual(entry, newValue, comparisonValue, now, ref notices);
            }
        }

        Deliver(notices);
        _telemetry.Count(updated ? MapCount.UpdateStored : MapCount.UpdateMiss);
        return updated;
    }

    public TValue GetOrAdd(TKey key, TValue value)
    {
        if (TryGetValue(key, out TValue? existing))
        {
            return existing;
        }

        TValue result = GetOrInsert(key, value);
        _telemetry.Count(MapCount.AddStored);
        return result;
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        if (TryGetValue(key, out TValue? existing))
        {
            return existing;
        }

        TValue result = GetOrInsert(key, valueFactory(key));
        _telemetry.Count(MapCount.AddStored);
        return result;
    }

    public TValue GetOrAddOnce(TKey key, Func<TKey, TValue> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        return _telemetry.Telemetry is { } telemetry && MapSurface<TKey, TValue>.CountGetOrAddOnce(this, telemetry, key, out TValue? existing)
            ? existing
            : MapSurface<TKey, TValue>.Added(_telemetry.Telemetry, MapSurface<TKey, TValue>.GetOrAddOnce(this, FactoryGate<TKey>.For(ref _factoryGate, _keys.Comparer), key, valueFactory));
    }

    public TValue GetOrAddOnce<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TArg : allows ref struct
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        return _telemetry.Telemetry is { } telemetry && MapSurface<TKey, TValue>.CountGetOrAddOnce(this, telemetry, key, out TValue? existing)
            ? existing
            : MapSurface<TKey, TValue>.Added(_telemetry.Telemetry, MapSurface<TKey, TValue>.GetOrAddOnce(this, FactoryGate<TKey>.For(ref _factoryGate, _keys.Comparer), key, valueFactory, factoryArgument));
    }

    public TValue AddOrUpdateOnce(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        TValue result = MapSurface<TKey, TValue>.AddOrUpdateOnce(this, FactoryGate<TKey>.For(ref _factoryGate, _keys.Comparer), key, addValueFactory, updateValueFactory);
        _telemetry.Count(MapCount.UpdateStored);
        return result;
    }

    public TValue AddOrUpdateOnce<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument)
        where TArg : allows ref struct
    {
        TValue result = MapSurface<TKey, TValue>.AddOrUpdateOnce(this, FactoryGate<TKey>.For(ref _factoryGate, _keys.Comparer), key, addValueFactory, updateValueFactory, factoryArgument);
        _telemetry.Count(MapCount.UpdateStored);
        return result;
    }

    bool IOnceOps<TKey, TValue>.TryGetValueQuiet(TKey key, out TValue value) => TryGetValueUncounted(key, out value!);

    bool IOnceOps<TKey, TValue>.ContainsKeyQuiet(TKey key) => ContainsKeyUncounted(key);

    bool IOnceOps<TKey, TValue>.TryAddQuiet(TKey key, TValue value)
    {
        List<EvictionNotice<TKey, TValue>>? notices = null;
        bool added;
        using (LockTiming.Enter(_lock, _telemetry.Telemetry))
        {
            long now = BeginWrite(ref notices);
            added = FindLive(key, now, ref notices) is null && Insert(key, value, now, ref notices);
        }

        Deliver(notices);
        return added;
    }

    bool IOnceOps<TKey, TValue>.TryUpdateQuiet(TKey key, TValue newValue, TValue comparisonValue)
    {
        List<EvictionNotice<TKey, TValue>>? notices = null;
        bool updated = false;
        using (LockTiming.Enter(_lock, _telemetry.Telemetry))
        {
            long now = BeginWrite(ref notices);
            if (FindLive(key, now, ref notices) is { } entry)
            {
                updated = WriteIfEqual(entry, newValue, comparisonValue, now, ref notices);
            }
        }

        Deliver(notices);
        return updated;
    }

    TValue IOnceOps<TKey, TValue>.GetOrAddQuiet(TKey key, TValue value) =>
        TryGetValueUncounted(key, out TValue? existing) ? existing : GetOrInsert(key, value);

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        KeyComparer<TKey>.ThrowIfNull(key);
        TValue result = AddOrUpdateCore(key, addValue, null, updateValueFactory);
        _telemetry.Count(MapCount.UpdateStored);
        return result;
    }

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        KeyComparer<TKey>.ThrowIfNull(key);
        TValue result = AddOrUpdateCore(key, default!, addValueFactory, updateValueFactory);
        _telemetry.Count(MapCount.UpdateStored);
        return result;
    }

    public void Clear()
    {
        List<EvictionNotice<TKey, TValue>>? notices = null;
        using (LockTiming.Enter(_lock, _telemetry.Telemetry))
        {
            if (WritesInPlace || _onEviction is not null)
            {
                foreach (KeyValuePair<TKey, BoundedEntry<TKey, TValue>> pair in _inner)
                {
                    // Retired first, so an in-place write either lands before Clear or fails its claim.
                    BoundedEntry<TKey, TValue> entry = pair.Value;
                    entry.Retire(entry.Claim());
                    Notify(ref notices, entry.Key, entry.Value, EvictionReason.Removed);
                }
            }

            _inner.Clear();
            _policy.Clear();
            _writeOrder?.Clear();
            Volatile.Write(ref _count, 0);
        }

        Deliver(notices);
    }

    private TValue GetOrInsert(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        List<EvictionNotice<TKey, TValue>>? notices = null;
        try
        {
            using (LockTiming.Enter(_lock, _telemetry.Telemetry))
            {
                long now = BeginWrite(ref notices);
                if (FindLive(key, now, ref notices) is { } entry)
                {
                    return entry.Value;
                }

                if (!Insert(key, value, now, ref notices))
                {
                    ThrowFull(MapCount.AddRejected);
                }

                return value;
            }
        }
        finally
        {
            Deliver(notices);
        }
    }

    private TValue AddOrUpdateCore(
        TKey key, TValue addValue, Func<TKey, TValue>? addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        while (true)
        {
            // Factories run outside the lock; the locked step applies a result only if the entry it was computed
            // from is still the live one, unchanged.
            if (_inner.TryGetValue(key, out BoundedEntry<TKey, TValue>? seen) && !_expiry.IsExpired(seen, _expiry.Now()))
            {
                // ORDER: Volatile.Read (acquire): the read of Value below cannot be satisfied before it, so Value is that
                // version's or newer. Pairs with the release store that ends a writer's claim, after its Value store.
                // A newer Value is harmless: the claim below then finds a different Version and this loop retries.
                int version = Volatile.Read(ref seen.Version);
                TValue updated = updateValueFactory(key, seen.Value);
                if ((WritesInPlace && TryWriteInPlace(seen, version, updated)) || TryApply(key, seen, version, updated))
                {
                    return updated;
                }
            }
            else
            {
                TValue added = addValueFactory is null ? addValue : addValueFactory(key);
                if (TryApply(key, null, 0, added))
                {
                    return added;
                }
            }
        }
    }

    /// <summary>Writes <paramref name="value"/> if the key's live entry is still <paramref name="seen"/> at <paramref name="version"/> (or still absent).</summary>
    private bool TryApply(TKey key, BoundedEntry<TKey, TValue>? seen, int version, TValue value)
    {
        List<EvictionNotice<TKey, TValue>>? notices = null;
        try
        {
            using (LockTiming.Enter(_lock, _telemetry.Telemetry))
            {
                long now = BeginWrite(ref notices);
                BoundedEntry<TKey, TValue>? current = FindLive(key, now, ref notices);
                if (!ReferenceEquals(current, seen))
                {
                    return false;
                }

                if (current is not null)
                {
                    int claimed = current.Claim();
                    if (claimed != version)
                    {
                        current.Release(claimed);
                        return false;
                    }

                    WriteValue(current, claimed, value, now, ref notices);
                }
                else if (!Insert(key, value, now, ref notices))
                {
                    ThrowFull(MapCount.UpdateRejected);
                }

                return true;
            }
        }
        finally
        {
            Deliver(notices);
        }
    }

    /// <summary>
    /// Whether a write to a live key may skip the lock: values store atomically, so readers never see half of one, and
    /// nothing expires, since the write order lives under the lock.
    /// </summary>
    private bool WritesInPlace => ValueTraits<TValue>.IsWriteAtomic && _writeOrder is null;

    /// <summary>
    /// Writes <paramref name="value"/> over <paramref name="entry"/> without the map's lock if the entry is still live
    /// and unchanged since <paramref name="version"/>. False, having changed nothing, when it is held, retired or newer.
    /// </summary>
    private bool TryWriteInPlace(BoundedEntry<TKey, TValue> entry, int version, TValue value)
    {
        // The claim is the linearization point's guard: a claimed entry is not retired, and only retired entries
        // leave the inner map (Evict), so the key is present with this entry while the value changes.
        if (!entry.TryClaim(version))
        {
            return false;
        }

        TValue old = entry.Value;
        entry.Value = value;
        entry.ReleaseWritten(version);
        _policy.OnUpdate(entry);
        if (_onEviction is not null)
        {
            Deliver([new EvictionNotice<TKey, TValue>(entry.Key, old, EvictionReason.Replaced)]);
        }

        return true;
    }

    /// <summary>Writes <paramref name="value"/> if the live entry holds <paramref name="comparison"/>. Caller holds _lock.</summary>
    private bool WriteIfEqual(BoundedEntry<TKey, TValue> entry, TValue value, TValue comparison, long now, ref List<EvictionNotice<TKey, TValue>>? notices)
    {
        // The claim spans the comparison and the write, so no in-place write slips between them.
        int version = entry.Claim();
        if (!EqualityComparer<TValue>.Default.Equals(entry.Value, comparison))
        {
            entry.Release(version);
            return false;
        }

        WriteValue(entry, version, value, now, ref notices);
        return true;
    }

    /// <summary>Sweeps a few expired entries and returns the time this write happens at. Caller holds _lock.</summary>
    private long BeginWrite(ref List<EvictionNotice<TKey, TValue>>? notices)
    {
        long now = _expiry.Now();
        if (_writeOrder is not null)
        {
            Sweep(now, SweepPerWrite, ref notices);
        }

        return now;
    }

    /// <summary>The key's entry if it is live; an expired one is removed first. Caller holds _lock.</summary>
    private BoundedEntry<TKey, TValue>? FindLive(TKey key, long now, ref List<EvictionNotice<TKey, TValue>>? notices)
    {
        if (!_inner.TryGetValue(key, out BoundedEntry<TKey, TValue>? entry))
        {
            return null;
        }

        if (_expiry.IsExpired(entry, now))
        {
            Remove(entry, EvictionReason.Expired, ref notices);
            return null;
        }

        return entry;
    }

    /// <summary>Adds a key known to be absent, evicting as the policy says. False when full under Reject. Caller holds _lock.</summary>
    private bool Insert(TKey key, TValue value, long now, ref List<EvictionNotice<TKey, TValue>>? notices)
    {
        if (_policy.RejectsWhenFull && _count >= _capacity)
        {
            if (_writeOrder is not null)
            {
                Sweep(now, int.MaxValue, ref notices); // expired entries make room before anything is refused
            }

            if (_count >= _capacity)
            {
                return false;
            }
        }

        BoundedEntry<TKey, TValue> entry = NewEntry(key, _keys.Hash(key), value, now);

        // A throwing comparer throws here, before anything else has changed.
        bool added = _inner.TryAdd(key, entry);

        // INVARIANT: every write holds _lock, and the caller saw no live entry, so the inner map had none.
        Debug.Assert(added, "a key found absent under the lock was present");
        _writeOrder?.AddFirst(entry);
        _policy.OnInsert(entry, _victims);
        foreach (BoundedEntry<TKey, TValue> victim in _victims)
        {
            Evict(victim, EvictionReason.Capacity, ref notices);
        }

        _victims.Clear();

        // Counted only after the victims left, so Count never shows more than the capacity. (The inner map holds the
        // new entry a moment before its victims go: an enumeration can see capacity + 1 entries.)
        Volatile.Write(ref _count, _count + 1);
        return true;
    }

    /// <summary>
    /// Writes a live entry's value and ends the claim on it (<paramref name="version"/>); types that could tear get a
    /// new entry instead. Caller holds _lock.
    /// </summary>
    private void WriteValue(BoundedEntry<TKey, TValue> entry, int version, TValue value, long now, ref List<EvictionNotice<TKey, TValue>>? notices)
    {
        TValue old = entry.Value;
        if (ValueTraits<TValue>.IsWriteAtomic)
        {
            entry.Value = value;
            entry.ReleaseWritten(version);
        }
        else
        {
            entry.Retire(version);
            BoundedEntry<TKey, TValue> replacement = NewEntry(entry.Key, entry.Hash, value, now);
            replacement.Accessed = entry.Accessed;
            if (_writeOrder is not null)
            {
                ExpiringEntry<TKey, TValue> fresh = ExpiringEntry<TKey, TValue>.Of(replacement);
                fresh.AccessTime = Volatile.Read(ref ExpiringEntry<TKey, TValue>.Of(entry).AccessTime);
            }

            _inner[entry.Key] = replacement;
            _policy.OnReplace(entry, replacement);
            _writeOrder?.Replace(entry, replacement);
            entry = replacement;
        }

        if (_writeOrder is not null)
        {
            Volatile.Write(ref ExpiringEntry<TKey, TValue>.Of(entry).WriteTime, now); // read lock-free by IsExpired
            _writeOrder.MoveToFront(entry);
        }

        _policy.OnUpdate(entry);
        Notify(ref notices, entry.Key, old, EvictionReason.Replaced);
    }

    /// <summary>A new entry, expiring when the map has expiry (see <see cref="ExpiringEntry{TKey, TValue}.Of"/>).</summary>
    private BoundedEntry<TKey, TValue> NewEntry(TKey key, uint hash, TValue value, long now) =>
        _writeOrder is null ? new BoundedEntry<TKey, TValue>(key, hash, value) : new ExpiringEntry<TKey, TValue>(key, hash, value, now);

    /// <summary>Takes a live entry out of the map and every queue. Caller holds _lock.</summary>
    private void Remove(BoundedEntry<TKey, TValue> entry, EvictionReason reason, ref List<EvictionNotice<TKey, TValue>>? notices) =>
        Remove(entry, entry.Claim(), reason, ref notices);

    /// <summary>Takes a live entry that the caller has claimed at <paramref name="version"/> out of the map and every queue. Caller holds _lock.</summary>
    private void Remove(BoundedEntry<TKey, TValue> entry, int version, EvictionReason reason, ref List<EvictionNotice<TKey, TValue>>? notices)
    {
        _policy.OnRemove(entry);
        Evict(entry, version, reason, ref notices);
    }

    /// <summary>Takes an entry the policy has already unlinked out of the map. Caller holds _lock.</summary>
    private void Evict(BoundedEntry<TKey, TValue> entry, EvictionReason reason, ref List<EvictionNotice<TKey, TValue>>? notices) =>
        Evict(entry, entry.Claim(), reason, ref notices);

    /// <summary>Retires an unlinked entry claimed at <paramref name="version"/> and takes it out of the map. Caller holds _lock.</summary>
    private void Evict(BoundedEntry<TKey, TValue> entry, int version, EvictionReason reason, ref List<EvictionNotice<TKey, TValue>>? notices)
    {
        // ORDER: retired before it leaves the inner map, so an in-place writer that still finds it there fails its
        // claim instead of writing a value that would vanish with the entry.
        entry.Retire(version);
        _inner.TryRemove(entry.Key, out _);
        if (_writeOrder is not null && _writeOrder.Contains(entry))
        {
            _writeOrder.Remove(entry);
        }

        Volatile.Write(ref _count, _count - 1);
        if (reason is EvictionReason.Capacity or EvictionReason.Expired)
        {
            _telemetry.Telemetry?.CountEviction((int)reason);
        }

        Notify(ref notices, entry.Key, entry.Value, reason);
    }

    private void Notify(ref List<EvictionNotice<TKey, TValue>>? notices, TKey key, TValue value, EvictionReason reason)
    {
        if (_onEviction is not null)
        {
            (notices ??= []).Add(new EvictionNotice<TKey, TValue>(key, value, reason));
        }
    }

    /// <summary>Hands notices to the callback, outside the lock. A throwing callback is logged and skipped.</summary>
    private void Deliver(List<EvictionNotice<TKey, TValue>>? notices)
    {
        if (notices is null)
        {
            return;
        }

        foreach (EvictionNotice<TKey, TValue> notice in notices)
        {
            try
            {
                _onEviction!(notice);
            }
            catch (Exception ex)
            {
                Trace.TraceError($"MapGuard: the eviction callback of map '{_label.NameOf(this)}' threw for a {notice.Reason} notice: {ex}");
            }
        }
    }

    /// <summary>Counts the refusal in <paramref name="rejected"/> (the cell of the write in progress) and throws.</summary>
    [DoesNotReturn]
    private void ThrowFull(MapCount rejected)
    {
        _telemetry.Count(rejected);
        throw new CapacityExceededException(_label.NameOf(this), _capacity);
    }
}
