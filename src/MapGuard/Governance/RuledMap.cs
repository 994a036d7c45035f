using System.Collections;
using System.Diagnostics.CodeAnalysis;
using MapGuard.Internal;
using MapGuard.Telemetry;

namespace MapGuard.Governance;

/// <summary>
/// Checks a map's key and value rules before any write reaches the map underneath, so a refused write changes
/// nothing. Reads pass straight through: a key that breaks a rule can never have been stored.
/// </summary>
internal sealed class RuledMap<TKey, TValue> : IConcurrentMap<TKey, TValue>, IOnceOps<TKey, TValue>
    where TKey : notnull
{
    /*
     * Concurrency: adds no state; rules must be thread-safe predicates. Every guarantee is the inner map's.
     * Progress: as the inner map, plus the rules' own cost.
     * References: the usual admission checks for a shared cache: a key-format check and a null-value check.
     */

    private readonly IConcurrentMap<TKey, TValue> _inner;
    private readonly IOnceOps<TKey, TValue> _quiet; // the inner map's uncounted operations
    private readonly MapRule<TKey>[] _keyRules;
    private readonly MapRule<TValue>[] _valueRules;
    private readonly IEqualityComparer<TKey> _comparer; // the inner map's, for the GetOrAddOnce gate
    private readonly string? _name;

    // The metered map's counters, or null. The inner map counts every operation that reaches it; this map counts the
    // writes its rules refuse (a refused call never reaches the inner map), and the lookup that starts a metered
    // GetOrAdd, so a hit never meets the value rules, as a GetOrAdd of a present key does not add.
    private readonly MapTelemetry? _telemetry;

    // The GetOrAddOnce gate, created on first use. PUBLISHED BY: Interlocked.CompareExchange in FactoryGate.For;
    // READ WITH: Volatile.Read there.
    private FactoryGate<TKey>? _factoryGate;

    public RuledMap(
        IConcurrentMap<TKey, TValue> inner,
        MapRule<TKey>[] keyRules,
        MapRule<TValue>[] valueRules,
        IEqualityComparer<TKey> comparer,
        string? name = null,
        MapTelemetry? telemetry = null)
    {
        _inner = inner;
        _quiet = inner as IOnceOps<TKey, TValue> ?? new PublicOnceOps<TKey, TValue>(inner);
        _comparer = comparer;
        _keyRules = keyRules;
        _valueRules = valueRules;
        _name = name;
        _telemetry = telemetry;
    }

    public TValue this[TKey key]
    {
        get => _inner[key];
        set
        {
            CheckKey(key, MapCount.SetRejected);
            CheckValue(value, MapCount.SetRejected);
            _inner[key] = value;
        }
    }

    public int Count => _inner.Count;

    public bool IsEmpty => _inner.IsEmpty;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _inner.TryGetValue(key, out value);

    public bool ContainsKey(TKey key) => _inner.ContainsKey(key);

    public bool TryAdd(TKey key, TValue value)
    {
        CheckKey(key, MapCount.AddRejected);
        CheckValue(value, MapCount.AddRejected);
        return _inner.TryAdd(key, value);
    }

    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value) => _inner.TryRemove(key, out value);

    public bool TryRemove(KeyValuePair<TKey, TValue> item) => _inner.TryRemove(item);

    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        CheckValue(newValue, MapCount.UpdateRejected); // the key is already stored, so it passed the key rules
        return _inner.TryUpdate(key, newValue, comparisonValue);
    }

    public TValue GetOrAdd(TKey key, TValue value)
    {
        if (_telemetry is { } telemetry)
        {
            return GetOrAddCounted(telemetry, key, value, null);
        }

        CheckKey(key, null);
        CheckValue(value, null);
        return _inner.GetOrAdd(key, value);
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        if (_telemetry is { } telemetry)
        {
            return GetOrAddCounted(telemetry, key, default!, valueFactory);
        }

        CheckKey(key, null);
        return _valueRules.Length == 0 ? _inner.GetOrAdd(key, valueFactory) : _inner.GetOrAdd(key, k => Checked(valueFactory(k)));
    }

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        CheckKey(key, MapCount.UpdateRejected);
        CheckValue(addValue, MapCount.UpdateRejected);
        if (_valueRules.Length == 0)
        {
            return _inner.AddOrUpdate(key, addValue, updateValueFactory);
        }

        try
        {
            return _inner.AddOrUpdate(key, addValue, (k, old) => Checked(updateValueFactory(k, old)));
        }
        catch (MapPolicyViolationException) when (_telemetry is not null)
        {
            _telemetry.Count(MapCount.UpdateRejected); // refused inside the inner map, which counted nothing
            throw;
        }
    }

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        CheckKey(key, MapCount.UpdateRejected);
        if (_valueRules.Length == 0)
        {
            return _inner.AddOrUpdate(key, addValueFactory, updateValueFactory);
        }

        try
        {
            return _inner.AddOrUpdate(key, k => Checked(addValueFactory(k)), (k, old) => Checked(updateValueFactory(k, old)));
        }
        catch (MapPolicyViolationException) when (_telemetry is not null)
        {
            _telemetry.Count(MapCount.UpdateRejected); // refused inside the inner map, which counted nothing
            throw;
        }
    }

    public TValue GetOrAddOnce(TKey key, Func<TKey, TValue> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        return GetOrAddOnce(key, static (k, factory) => factory(k), valueFactory);
    }

    public TValue GetOrAddOnce<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TArg : allows ref struct
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        if (_telemetry is not { } telemetry)
        {
            return MapSurface<TKey, TValue>.GetOrAddOnce(this, FactoryGate<TKey>.For(ref _factoryGate, _comparer), key, valueFactory, factoryArgument);
        }

        if (MapSurface<TKey, TValue>.CountGetOrAddOnce(this, telemetry, key, out TValue? existing))
        {
            return existing;
        }

        try
        {
            return MapSurface<TKey, TValue>.Added(telemetry, MapSurface<TKey, TValue>.GetOrAddOnce(this, FactoryGate<TKey>.For(ref _factoryGate, _comparer), key, valueFactory, factoryArgument));
        }
        catch (MapPolicyViolationException)
        {
            telemetry.Count(MapCount.AddRejected);
            throw;
        }
    }

    public TValue AddOrUpdateOnce(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        return AddOrUpdateOnce(
            key,
            static (k, factories) => factories.Add(k),
            static (k, current, factories) => factories.Update(k, current),
            (Add: addValueFactory, Update: updateValueFactory));
    }

    public TValue AddOrUpdateOnce<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument)
        where TArg : allows ref struct
    {
        if (_telemetry is not { } telemetry)
        {
            return MapSurface<TKey, TValue>.AddOrUpdateOnce(this, FactoryGate<TKey>.For(ref _factoryGate, _comparer), key, addValueFactory, updateValueFactory, factoryArgument);
        }

        try
        {
            TValue result = MapSurface<TKey, TValue>.AddOrUpdateOnce(this, FactoryGate<TKey>.For(ref _factoryGate, _comparer), key, addValueFactory, updateValueFactory, factoryArgument);
            telemetry.Count(MapCount.UpdateStored);
            return result;
        }
        catch (MapPolicyViolationException)
        {
            telemetry.Count(MapCount.UpdateRejected);
            throw;
        }
    }

    public void Clear() => _inner.Clear();

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _inner.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The Once building blocks: the rules, then the inner map's uncounted operations.
    bool IOnceOps<TKey, TValue>.TryGetValueQuiet(TKey key, out TValue value) => _quiet.TryGetValueQuiet(key, out value);

    bool IOnceOps<TKey, TValue>.ContainsKeyQuiet(TKey key) => _quiet.ContainsKeyQuiet(key);

    bool IOnceOps<TKey, TValue>.TryAddQuiet(TKey key, TValue value)
    {
        CheckKey(key, null);
        CheckValue(value, null);
        return _quiet.TryAddQuiet(key, value);
    }

    bool IOnceOps<TKey, TValue>.TryUpdateQuiet(TKey key, TValue newValue, TValue comparisonValue)
    {
        CheckValue(newValue, null);
        return _quiet.TryUpdateQuiet(key, newValue, comparisonValue);
    }

    TValue IOnceOps<TKey, TValue>.GetOrAddQuiet(TKey key, TValue value)
    {
        CheckKey(key, null);
        CheckValue(value, null);
        return _quiet.GetOrAddQuiet(key, value);
    }

    /// <summary>
    /// A metered GetOrAdd, counted as the maps count it: a lookup (a hit returns without meeting the rules), then on a
    /// miss an add, which the rules may refuse.
    /// </summary>
    private TValue GetOrAddCounted(MapTelemetry telemetry, TKey key, TValue value, Func<TKey, TValue>? valueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        if (_quiet.TryGetValueQuiet(key, out TValue? existing))
        {
            telemetry.Count(MapCount.GetHit);
            return existing;
        }

        telemetry.Count(MapCount.GetMiss);
        try
        {
            CheckKey(key, null);
            if (valueFactory is not null)
            {
                value = valueFactory(key);
            }

            CheckValue(value, null);
            TValue result = _quiet.GetOrAddQuiet(key, value);
            telemetry.Count(MapCount.AddStored);
            return result;
        }
        catch (MapPolicyViolationException)
        {
            telemetry.Count(MapCount.AddRejected);
            throw;
        }
    }

    /// <summary>Checks the key rules; a refusal counts <paramref name="rejected"/> when given (a call the inner map has not counted).</summary>
    private void CheckKey(TKey key, MapCount? rejected)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        foreach (MapRule<TKey> rule in _keyRules)
        {
            if (!rule.Allows(key))
            {
                CountRefusal(rejected);
                throw new MapPolicyViolationException(MapNames.Of(_name, this), rule.Name, nameof(key), key);
            }
        }
    }

    /// <summary>Checks the value rules; a refusal counts <paramref name="rejected"/> when given (a call the inner map has not counted).</summary>
    private void CheckValue(TValue value, MapCount? rejected)
    {
        foreach (MapRule<TValue> rule in _valueRules)
        {
            if (!rule.Allows(value))
            {
                CountRefusal(rejected);
                throw new MapPolicyViolationException(MapNames.Of(_name, this), rule.Name, nameof(value), value);
            }
        }
    }

    private TValue Checked(TValue value)
    {
        CheckValue(value, null);
        return value;
    }

    /// <summary>A write refused before it reached the inner map: it counts as rejected.</summary>
    private void CountRefusal(MapCount? rejected)
    {
        if (rejected is { } counted)
        {
            _telemetry?.Count(counted);
        }
    }
}
