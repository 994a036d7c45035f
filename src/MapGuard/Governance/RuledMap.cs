using System.Collections;
using System.Diagnostics.CodeAnalysis;
using MapGuard.Internal;

namespace MapGuard.Governance;

/// <summary>
/// Checks a map's key and value rules before any write reaches the map underneath, so a refused write changes
/// nothing. Reads pass straight through: a key that breaks a rule can never have been stored.
/// </summary>
internal sealed class RuledMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    /*
     * Concurrency: adds no state; rules must be thread-safe predicates. Every guarantee is the inner map's.
     * Progress: as the inner map, plus the rules' own cost.
     * References: the usual admission checks for a shared cache: a key-format check and a null-value check.
     */

    private readonly IConcurrentMap<TKey, TValue> _inner;
    private readonly MapRule<TKey>[] _keyRules;
    private readonly MapRule<TValue>[] _valueRules;
    private readonly IEqualityComparer<TKey> _comparer; // the inner map's, for the GetOrAddOnce gate

    // The GetOrAddOnce gate, created on first use. PUBLISHED BY: Interlocked.CompareExchange in FactoryGate.For;
    // READ WITH: Volatile.Read there.
    private FactoryGate<TKey>? _factoryGate;

    public RuledMap(IConcurrentMap<TKey, TValue> inner, MapRule<TKey>[] keyRules, MapRule<TValue>[] valueRules, IEqualityComparer<TKey> comparer)
    {
        _inner = inner;
        _comparer = comparer;
        _keyRules = keyRules;
        _valueRules = valueRules;
    }

    public TValue this[TKey key]
    {
        get => _inner[key];
        set
        {
            CheckKey(key);
            CheckValue(value);
            _inner[key] = value;
        }
    }

    public int Count => _inner.Count;

    public bool IsEmpty => _inner.IsEmpty;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _inner.TryGetValue(key, out value);

    public bool ContainsKey(TKey key) => _inner.ContainsKey(key);

    public bool TryAdd(TKey key, TValue value)
    {
        CheckKey(key);
        CheckValue(value);
        return _inner.TryAdd(key, value);
    }

    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value) => _inner.TryRemove(key, out value);

    public bool TryRemove(KeyValuePair<TKey, TValue> item) => _inner.TryRemove(item);

    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        CheckValue(newValue); // the key is already stored, so it passed the key rules
        return _inner.TryUpdate(key, newValue, comparisonValue);
    }

    public TValue GetOrAdd(TKey key, TValue value)
    {
        CheckKey(key);
        CheckValue(value);
        return _inner.GetOrAdd(key, value);
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        CheckKey(key);
        return _valueRules.Length == 0 ? _inner.GetOrAdd(key, valueFactory) : _inner.GetOrAdd(key, k => Checked(valueFactory(k)));
    }

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        CheckKey(key);
        CheckValue(addValue);
        return _valueRules.Length == 0
            ? _inner.AddOrUpdate(key, addValue, updateValueFactory)
            : _inner.AddOrUpdate(key, addValue, (k, old) => Checked(updateValueFactory(k, old)));
    }

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        CheckKey(key);
        return _valueRules.Length == 0
            ? _inner.AddOrUpdate(key, addValueFactory, updateValueFactory)
            : _inner.AddOrUpdate(key, k => Checked(addValueFactory(k)), (k, old) => Checked(updateValueFactory(k, old)));
    }

    public TValue GetOrAddOnce(TKey key, Func<TKey, TValue> valueFactory) =>
        MapSurface<TKey, TValue>.GetOrAddOnce(this, FactoryGate<TKey>.For(ref _factoryGate, _comparer), key, valueFactory);

    public TValue GetOrAddOnce<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        MapSurface<TKey, TValue>.GetOrAddOnce(this, FactoryGate<TKey>.For(ref _factoryGate, _comparer), key, valueFactory, factoryArgument);

    public TValue AddOrUpdateOnce(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) =>
        MapSurface<TKey, TValue>.AddOrUpdateOnce(this, FactoryGate<TKey>.For(ref _factoryGate, _comparer), key, addValueFactory, updateValueFactory);

    public TValue AddOrUpdateOnce<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        MapSurface<TKey, TValue>.AddOrUpdateOnce(this, FactoryGate<TKey>.For(ref _factoryGate, _comparer), key, addValueFactory, updateValueFactory, factoryArgument);

    public void Clear() => _inner.Clear();

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _inner.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void CheckKey(TKey key)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        foreach (MapRule<TKey> rule in _keyRules)
        {
            if (!rule.Allows(key))
            {
                throw new MapPolicyViolationException(MapNames.Of(this), rule.Name, nameof(key), key);
            }
        }
    }

    private void CheckValue(TValue value)
    {
        foreach (MapRule<TValue> rule in _valueRules)
        {
            if (!rule.Allows(value))
            {
                throw new MapPolicyViolationException(MapNames.Of(this), rule.Name, nameof(value), value);
            }
        }
    }

    private TValue Checked(TValue value)
    {
        CheckValue(value);
        return value;
    }
}
