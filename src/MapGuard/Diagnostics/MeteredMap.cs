using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
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
    private readonly bool _canRefuse;

    /// <param name="inner">The map to count.</param>
    /// <param name="metrics">Where the counts go.</param>
    /// <param name="canRefuse">Whether <paramref name="inner"/> can refuse a write by throwing
    /// <see cref="MapPolicyViolationException"/> or <see cref="CapacityExceededException"/>; such refusals are counted
    /// as rejected.</param>
    public MeteredMap(IConcurrentMap<TKey, TValue> inner, MapMetrics metrics, bool canRefuse)
    {
        _inner = inner;
        _metrics = metrics;
        _canRefuse = canRefuse;
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
        set => Write<SetWrite, TValue>(Set, new SetWrite(key, value));
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

    public bool TryAdd(TKey key, TValue value) => Write<TryAddWrite, bool>(Add, new TryAddWrite(key, value));

    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        bool removed = _inner.TryRemove(key, out value);
        _metrics.Count(Remove, removed ? Hit : Miss);
        return removed;
    }

    public bool TryRemove(KeyValuePair<TKey, TValue> item)
    {
        bool removed = _inner.TryRemove(item);
        _metrics.Count(Remove, removed ? Hit : Miss);
        return removed;
    }

    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue) =>
        Write<TryUpdateWrite, bool>(Update, new TryUpdateWrite(key, newValue, comparisonValue));

    public TValue GetOrAdd(TKey key, TValue value) =>
        TryGetValue(key, out TValue? existing) ? existing : Write<GetOrAddWrite, TValue>(Add, new GetOrAddWrite(key, value));

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        return TryGetValue(key, out TValue? existing) ? existing : Write<GetOrAddFactoryWrite, TValue>(Add, new GetOrAddFactoryWrite(key, valueFactory));
    }

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory) =>
        Write<AddOrUpdateWrite, TValue>(Update, new AddOrUpdateWrite(key, addValue, updateValueFactory));

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) =>
        Write<AddOrUpdateFactoryWrite, TValue>(Update, new AddOrUpdateFactoryWrite(key, addValueFactory, updateValueFactory));

    // The Once members forward to the inner map's gate, so every overload shares one gate; a hit is counted by the
    // lookup, a miss then counts one add (or update) whatever the waiters did.
    public TValue GetOrAddOnce(TKey key, Func<TKey, TValue> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        return GetOrAddOnce(key, static (k, factory) => factory(k), valueFactory);
    }

    public TValue GetOrAddOnce<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TArg : allows ref struct
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        if (TryGetValue(key, out TValue? existing))
        {
            return existing;
        }

        try
        {
            TValue stored = _inner.GetOrAddOnce(key, valueFactory, factoryArgument);
            _metrics.Count(Add, Stored);
            return stored;
        }
        catch (Exception ex) when (_canRefuse && IsRefusal(ex))
        {
            _metrics.Count(Add, Rejected);
            throw;
        }
    }

    public TValue AddOrUpdateOnce(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        try
        {
            TValue stored = _inner.AddOrUpdateOnce(key, addValueFactory, updateValueFactory);
            _metrics.Count(Update, Stored);
            return stored;
        }
        catch (Exception ex) when (_canRefuse && IsRefusal(ex))
        {
            _metrics.Count(Update, Rejected);
            throw;
        }
    }

    public TValue AddOrUpdateOnce<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument)
        where TArg : allows ref struct
    {
        try
        {
            TValue stored = _inner.AddOrUpdateOnce(key, addValueFactory, updateValueFactory, factoryArgument);
            _metrics.Count(Update, Stored);
            return stored;
        }
        catch (Exception ex) when (_canRefuse && IsRefusal(ex))
        {
            _metrics.Count(Update, Rejected);
            throw;
        }
    }

    public void Clear() => _inner.Clear();

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _inner.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A governance refusal: the operation was rejected rather than failed.</summary>
    private static bool IsRefusal(Exception ex) => ex is MapPolicyViolationException or CapacityExceededException;

    /// <summary>
    /// Runs a write and counts its outcome. Each write is a struct, so the JIT compiles this once per kind of write and
    /// calls the inner map directly: no delegate and no closure. Only a map that can refuse a write (key or value
    /// rules, or a capacity that rejects) pays for the exception handler that counts refusals, which kept this
    /// method from being inlined (docs/design/metrics.md).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TResult Write<TWrite, TResult>(MapOperation operation, TWrite write)
        where TWrite : struct, IWrite<TResult>
    {
        if (_canRefuse)
        {
            return WriteCountingRefusals<TWrite, TResult>(operation, write);
        }

        TResult result = write.Apply(_inner);
        _metrics.Count(operation, write.Outcome(result));
        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TResult WriteCountingRefusals<TWrite, TResult>(MapOperation operation, TWrite write)
        where TWrite : struct, IWrite<TResult>
    {
        TResult result;
        try
        {
            result = write.Apply(_inner);
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            _metrics.Count(operation, Rejected);
            throw;
        }

        _metrics.Count(operation, write.Outcome(result));
        return result;
    }

    private interface IWrite<TResult>
    {
        TResult Apply(IConcurrentMap<TKey, TValue> map);

        /// <summary>The outcome to count for a write that returned <paramref name="result"/>. Every struct implements
        /// it: a default interface method called on a struct boxes it.</summary>
        MapOutcome Outcome(TResult result);
    }

    private readonly struct SetWrite(TKey key, TValue value) : IWrite<TValue>
    {
        public TValue Apply(IConcurrentMap<TKey, TValue> map) => map[key] = value;

        public MapOutcome Outcome(TValue result) => Stored;
    }

    private readonly struct TryAddWrite(TKey key, TValue value) : IWrite<bool>
    {
        public bool Apply(IConcurrentMap<TKey, TValue> map) => map.TryAdd(key, value);

        public MapOutcome Outcome(bool added) => added ? Stored : Rejected;
    }

    private readonly struct TryUpdateWrite(TKey key, TValue newValue, TValue comparisonValue) : IWrite<bool>
    {
        public bool Apply(IConcurrentMap<TKey, TValue> map) => map.TryUpdate(key, newValue, comparisonValue);

        public MapOutcome Outcome(bool updated) => updated ? Stored : Miss;
    }

    private readonly struct GetOrAddWrite(TKey key, TValue value) : IWrite<TValue>
    {
        public TValue Apply(IConcurrentMap<TKey, TValue> map) => map.GetOrAdd(key, value);

        public MapOutcome Outcome(TValue result) => Stored;
    }

    private readonly struct GetOrAddFactoryWrite(TKey key, Func<TKey, TValue> valueFactory) : IWrite<TValue>
    {
        public TValue Apply(IConcurrentMap<TKey, TValue> map) => map.GetOrAdd(key, valueFactory);

        public MapOutcome Outcome(TValue result) => Stored;
    }

    private readonly struct AddOrUpdateWrite(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory) : IWrite<TValue>
    {
        public TValue Apply(IConcurrentMap<TKey, TValue> map) => map.AddOrUpdate(key, addValue, updateValueFactory);

        public MapOutcome Outcome(TValue result) => Stored;
    }

    private readonly struct AddOrUpdateFactoryWrite(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) : IWrite<TValue>
    {
        public TValue Apply(IConcurrentMap<TKey, TValue> map) => map.AddOrUpdate(key, addValueFactory, updateValueFactory);

        public MapOutcome Outcome(TValue result) => Stored;
    }
}
