using System.Diagnostics.CodeAnalysis;
using MapGuard.Internal;

namespace MapGuard;

public sealed partial class MigratingMap<TKey, TValue>
{
    /// <inheritdoc/>
    public bool TryAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        State state = Volatile.Read(ref _state);
        if (state.Remaining is { } remaining)
        {
            return remaining.TryAdd(key, value);
        }

        // LINEARIZATION POINT (key present): the target holds k, so A(k) is present at this read.
        if (state.Target.ContainsKey(key))
        {
            return false;
        }

        Lock stripe = StripeOf(key);
        if (EnterMigrating(stripe) is not { } locked)
        {
            return Remaining.TryAdd(key, value);
        }

        try
        {
            // LINEARIZATION POINT (added): the source add; the target lacks k (I1), so A(k) = source(k) changes here.
            if (!locked.Source.TryAdd(key, value))
            {
                return false;
            }

            WriteTarget(locked, key, value, sourceHad: false, sourceOld: default);
            return true;
        }
        finally
        {
            stripe.Exit();
        }
    }

    /// <inheritdoc/>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        return TryRemoveCore(key, out value, matchValue: false, default);
    }

    /// <inheritdoc/>
    /// <remarks>While migrating, the value check and the remove happen under the key's lock, which every write of the
    /// key takes; afterwards it is the remaining map's <c>TryRemove(KeyValuePair)</c>.</remarks>
    public bool TryRemove(KeyValuePair<TKey, TValue> item)
    {
        MapSurface<TKey, TValue>.ThrowIfItemKeyNull(item);
        return TryRemoveCore(item.Key, out _, matchValue: true, item.Value);
    }

    // matchValue: remove only if the value equals comparisonValue, for TryRemove(KeyValuePair).
    private bool TryRemoveCore(TKey key, [MaybeNullWhen(false)] out TValue value, bool matchValue, TValue? comparisonValue)
    {
        State state = Volatile.Read(ref _state);
        if (state.Remaining is { } remaining)
        {
            return RemoveFrom(remaining, key, out value, matchValue, comparisonValue);
        }

        Lock stripe = StripeOf(key);
        if (EnterMigrating(stripe) is not { } locked)
        {
            return RemoveFrom(Remaining, key, out value, matchValue, comparisonValue);
        }

        try
        {
            // LINEARIZATION POINT (mismatch): A(k) = source(k) under the key's lock, which every write of k holds.
            if (matchValue &&
                (!locked.Source.TryGetValue(key, out TValue? current) || !EqualityComparer<TValue>.Default.Equals(current, comparisonValue)))
            {
                value = default;
                return false;
            }

            // Target first: with k gone from the target, A(k) = source(k), unchanged (I2: they were equal), and
            // lock-free readers now miss and queue on this lock.
            locked.Target.TryRemove(key, out _);
            try
            {
                // LINEARIZATION POINT: the source remove.
                return locked.Source.TryRemove(key, out value);
            }
            catch
            {
                // The target lost k but the source kept it: A(k) is unchanged, but a finished sweep no longer proves
                // that the target holds every key.
                InvalidateSweep();
                throw;
            }
        }
        finally
        {
            stripe.Exit();
        }
    }

    private static bool RemoveFrom(IConcurrentMap<TKey, TValue> map, TKey key, [MaybeNullWhen(false)] out TValue value, bool matchValue, TValue? comparisonValue)
    {
        if (!matchValue)
        {
            return map.TryRemove(key, out value);
        }

        value = default;
        return map.TryRemove(new KeyValuePair<TKey, TValue>(key, comparisonValue!));
    }

    /// <inheritdoc/>
    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        State state = Volatile.Read(ref _state);
        if (state.Remaining is { } remaining)
        {
            return remaining.TryUpdate(key, newValue, comparisonValue);
        }

        // LINEARIZATION POINT (mismatch): A(k) = target(k), which differs from the comparison value.
        if (state.Target.TryGetValue(key, out TValue? seen) && !EqualityComparer<TValue>.Default.Equals(seen, comparisonValue))
        {
            return false;
        }

        Lock stripe = StripeOf(key);
        if (EnterMigrating(stripe) is not { } locked)
        {
            return Remaining.TryUpdate(key, newValue, comparisonValue);
        }

        try
        {
            if (!locked.Source.TryGetValue(key, out TValue? current) || !EqualityComparer<TValue>.Default.Equals(current, comparisonValue))
            {
                return false;
            }

            locked.Source[key] = newValue;
            WriteTarget(locked, key, newValue, sourceHad: true, sourceOld: current);
            return true;
        }
        finally
        {
            stripe.Exit();
        }
    }

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        State state = Volatile.Read(ref _state);
        if (state.Remaining is { } remaining)
        {
            return remaining.GetOrAdd(key, value);
        }

        // LINEARIZATION POINT (present): as TryGetValue's hit.
        if (state.Target.TryGetValue(key, out TValue? existing))
        {
            _counters.TargetHits.Add(1);
            return existing;
        }

        return GetOrAddLocked(key, value);
    }

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);
        State state = Volatile.Read(ref _state);
        if (state.Remaining is { } remaining)
        {
            return remaining.GetOrAdd(key, valueFactory);
        }

        // The factory runs outside every lock, only after a read found the key absent; a racing caller may store
        // first, and then this result is dropped (as ConcurrentDictionary does).
        return TryGetValue(key, out TValue? existing) ? existing : GetOrAdd(key, valueFactory(key));
    }

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        return AddOrUpdateCore(key, addValue, null, updateValueFactory);
    }

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        return AddOrUpdateCore(key, default!, addValueFactory, updateValueFactory);
    }

    /// <inheritdoc/>
    /// <remarks>While migrating, takes every per-key lock and empties the target map, then the source map.</remarks>
    public void Clear()
    {
        State state = Volatile.Read(ref _state);
        if (state.Remaining is null)
        {
            AcquireAllLocks();
            try
            {
                // ORDER: under every stripe the phase cannot change; read it again. Lock acquire orders this read
                // after a phase change that released the stripes before.
                state = Volatile.Read(ref _state);
                if (state.Remaining is null)
                {
                    // Target first keeps I1 at every instant; lock-free readers that miss queue on a stripe.
                    state.Target.Clear();
                    state.Source.Clear();
                    return;
                }
            }
            finally
            {
                ReleaseAllLocks();
            }
        }

        state.Remaining.Clear();
    }

    private void Set(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        State state = Volatile.Read(ref _state);
        if (state.Remaining is { } remaining)
        {
            remaining[key] = value;
            return;
        }

        Lock stripe = StripeOf(key);
        if (EnterMigrating(stripe) is not { } locked)
        {
            Remaining[key] = value;
            return;
        }

        try
        {
            bool had = locked.Source.TryGetValue(key, out TValue? old);
            locked.Source[key] = value;
            WriteTarget(locked, key, value, had, old);
        }
        finally
        {
            stripe.Exit();
        }
    }

    private TValue GetOrAddLocked(TKey key, TValue value)
    {
        Lock stripe = StripeOf(key);
        if (EnterMigrating(stripe) is not { } locked)
        {
            return Remaining.GetOrAdd(key, value);
        }

        try
        {
            if (locked.Target.TryGetValue(key, out TValue? existing))
            {
                _counters.TargetHits.Add(1);
                return existing;
            }

            if (locked.Source.TryGetValue(key, out existing))
            {
                // A read that fell back: backfill, as TryGetValue does.
                _counters.FallbackReads.Add(1);
                locked.Target.TryAdd(key, existing);
                _counters.Backfills.Add(1);
                return existing;
            }

            // LINEARIZATION POINT (added): the source add (the target lacks k).
            locked.Source[key] = value;
            WriteTarget(locked, key, value, sourceHad: false, sourceOld: default);
            return value;
        }
        finally
        {
            stripe.Exit();
        }
    }

    private TValue AddOrUpdateCore(TKey key, TValue addValue, Func<TKey, TValue>? addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        // Optimistic, as ConcurrentDictionary's: read A(k), run the factory outside every lock, then store only if
        // A(k) is still what the factory saw; otherwise run it again on the new value.
        while (true)
        {
            if (Peek(key, out TValue? current))
            {
                TValue updated = updateValueFactory(key, current);
                if (TryUpdate(key, updated, current))
                {
                    return updated;
                }
            }
            else
            {
                TValue added = addValueFactory is null ? addValue : addValueFactory(key);
                if (TryAdd(key, added))
                {
                    return added;
                }
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="value"/> to the target after the source write, under k's lock. If the target throws,
    /// restores the source, so the failed call leaves both maps as they were.
    /// </summary>
    private void WriteTarget(State locked, TKey key, TValue value, bool sourceHad, TValue? sourceOld)
    {
        try
        {
            // LINEARIZATION POINT when the target held k (lock-free readers see the new value from here on);
            // otherwise A(k) changed already at the source write, and this store leaves it unchanged.
            locked.Target[key] = value;
        }
        catch
        {
            RestoreSource(locked, key, sourceHad, sourceOld);
            throw;
        }
    }

    private void RestoreSource(State locked, TKey key, bool had, TValue? old)
    {
        try
        {
            if (had)
            {
                locked.Source[key] = old!;
            }
            else
            {
                locked.Source.TryRemove(key, out _);
            }
        }
        catch
        {
            // The source threw again while being put back (a comparer that fails on this key every time). The write
            // then stands in the source; drop k from the target so that A(k) = source(k) and I2 hold, and forget any
            // finished sweep. The caller still gets the first exception.
            InvalidateSweep();
            try
            {
                locked.Target.TryRemove(key, out _);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Nothing more can be done for this key; the first exception propagates.
            }
        }

        InvalidateSweep();
    }
}
