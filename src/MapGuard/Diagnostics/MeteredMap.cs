using System.Collections;
using System.Diagnostics.CodeAnalysis;
using static MapGuard.Diagnostics.MapOperation;
using static MapGuard.Diagnostics.MapOutcome;

namespace MapGuard.Diagnostics;

/// <summary>
/// Counts every operation of the map underneath by op and result into <see cref="MapMetrics"/>, for the
/// <c>mapguard.map.operations</c> instrument. Built only when metrics are on, so a map without them pays nothing.
/// </summary>
internal sealed class MeteredMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    /*
     * Concurrency: adds no shared state but the striped counters (see MapMetrics); every guarantee is the inner map's.
     *   GetOrAdd looks the key up first to tell a hit from an add; the two steps are each linearizable, and the
     *   result is the inner GetOrAdd's.
     * Progress: as the inner map.
     */

    private readonly IConcurrentMap<TKey, TValue> _inner;
    private readonly MapMetrics _metrics;

    public MeteredMap(IConcurrentMap<TKey, TValue> inner, MapMetrics metrics)
    {
        _inner = inner;
        _metrics = metrics;
    }

    public TValue this[TKey key]
    {
        get
        {
            if (!TryGetValue(key, out TValue? value))
            {
                Internal.Throw.KeyNotFound(key);
            }

            return value;
        }
        set => Stores(Set, (_inner, key, value), static s => s.Item1[s.key] = s.value);
    }

    public int Count => _inner.Count;

    public bool IsEmpty => _inner.IsEmpty;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        bool found = _inner.TryGetValue(key, out value);
        _metrics.Count(Get, found ? Hit : Miss);
        return found;
    }

    public bool ContainsKey(TKey key)
    {
        bool found = _inner.ContainsKey(key);
        _metrics.Count(Get, found ? Hit : Miss);
        return found;
    }

    public bool TryAdd(TKey key, TValue value)
    {
        bool added;
        try
        {
            added = _inner.TryAdd(key, value);
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            _metrics.Count(Add, Rejected);
            throw;
        }

        _metrics.Count(Add, added ? Stored : Rejected);
        return added;
    }

    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        bool removed = _inner.TryRemove(key, out value);
        _metrics.Count(Remove, removed ? Hit : Miss);
        return removed;
    }

    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        bool updated;
        try
        {
            updated = _inner.TryUpdate(key, newValue, comparisonValue);
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            _metrics.Count(Update, Rejected);
            throw;
        }

        _metrics.Count(Update, updated ? Stored : Miss);
        return updated;
    }

    public TValue GetOrAdd(TKey key, TValue value) =>
        TryGetValue(key, out TValue? existing) ? existing : Stores(Add, (_inner, key, value), static s => s.Item1.GetOrAdd(s.key, s.value));

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        return TryGetValue(key, out TValue? existing) ? existing : Stores(Add, (_inner, key, valueFactory), static s => s.Item1.GetOrAdd(s.key, s.valueFactory));
    }

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory) =>
        Stores(Update, (_inner, key, addValue, updateValueFactory), static s => s.Item1.AddOrUpdate(s.key, s.addValue, s.updateValueFactory));

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) =>
        Stores(Update, (_inner, key, addValueFactory, updateValueFactory), static s => s.Item1.AddOrUpdate(s.key, s.addValueFactory, s.updateValueFactory));

    public void Clear() => _inner.Clear();

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _inner.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A governance refusal: the operation was rejected rather than failed.</summary>
    private static bool IsRefusal(Exception ex) => ex is MapPolicyViolationException or CapacityExceededException;

    /// <summary>
    /// Runs a write that stores when it returns, counting stored, or rejected when governance refuses it. The write is
    /// a static lambda over a state tuple, so no call allocates a closure.
    /// </summary>
    private TValue Stores<TState>(MapOperation operation, TState state, Func<TState, TValue> write)
    {
        TValue result;
        try
        {
            result = write(state);
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            _metrics.Count(operation, Rejected);
            throw;
        }

        _metrics.Count(operation, Stored);
        return result;
    }
}
