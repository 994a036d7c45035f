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
        set => Stores(Set, new SetWrite(key, value));
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
        TryGetValue(key, out TValue? existing) ? existing : Stores(Add, new GetOrAddWrite(key, value));

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        return TryGetValue(key, out TValue? existing) ? existing : Stores(Add, new GetOrAddFactoryWrite(key, valueFactory));
    }

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory) =>
        Stores(Update, new AddOrUpdateWrite(key, addValue, updateValueFactory));

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) =>
        Stores(Update, new AddOrUpdateFactoryWrite(key, addValueFactory, updateValueFactory));

    public void Clear() => _inner.Clear();

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _inner.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A governance refusal: the operation was rejected rather than failed.</summary>
    private static bool IsRefusal(Exception ex) => ex is MapPolicyViolationException or CapacityExceededException;

    /// <summary>
    /// Runs a write that stores when it returns, counting stored, or rejected when governance refuses it. Each write is
    /// a struct, so the JIT compiles this once per kind of write and calls the inner map directly: no delegate and no
    /// closure (a cached static delegate here cost a measurable share of a hot write, docs/design/metrics.md).
    /// </summary>
    private TValue Stores<TWrite>(MapOperation operation, TWrite write)
        where TWrite : struct, IWrite
    {
        TValue result;
        try
        {
            result = write.Apply(_inner);
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            _metrics.Count(operation, Rejected);
            throw;
        }

        _metrics.Count(operation, Stored);
        return result;
    }

    private interface IWrite
    {
        TValue Apply(IConcurrentMap<TKey, TValue> map);
    }

    private readonly struct SetWrite(TKey key, TValue value) : IWrite
    {
        public TValue Apply(IConcurrentMap<TKey, TValue> map) => map[key] = value;
    }

    private readonly struct GetOrAddWrite(TKey key, TValue value) : IWrite
    {
        public TValue Apply(IConcurrentMap<TKey, TValue> map) => map.GetOrAdd(key, value);
    }

    private readonly struct GetOrAddFactoryWrite(TKey key, Func<TKey, TValue> valueFactory) : IWrite
    {
        public TValue Apply(IConcurrentMap<TKey, TValue> map) => map.GetOrAdd(key, valueFactory);
    }

    private readonly struct AddOrUpdateWrite(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory) : IWrite
    {
        public TValue Apply(IConcurrentMap<TKey, TValue> map) => map.AddOrUpdate(key, addValue, updateValueFactory);
    }

    private readonly struct AddOrUpdateFactoryWrite(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) : IWrite
    {
        public TValue Apply(IConcurrentMap<TKey, TValue> map) => map.AddOrUpdate(key, addValueFactory, updateValueFactory);
    }
}
