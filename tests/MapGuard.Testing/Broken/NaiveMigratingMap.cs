using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MapGuard.Testing.Broken;

/// <summary>
/// A deliberately broken migration, the naive recipe: writes go to both maps one after the other,
/// a read that misses the new map reads the old one and copies what it found, and a sweep copies the old map's
/// enumerated entries, all without any lock. Every single call on each map is thread-safe; the combination is not:
/// a backfill or sweep that read a key just before a racing remove copies it back (a resurrected key), and two racing
/// writes can land in opposite orders in the two maps. The migration tests must catch it.
/// </summary>
public sealed class NaiveMigratingMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    private readonly IConcurrentMap<TKey, TValue> _from;
    private readonly IConcurrentMap<TKey, TValue> _to;
    private volatile int _phase; // 0 migrating, 1 cut over, 2 rolled back

    public NaiveMigratingMap(IConcurrentMap<TKey, TValue> from, IConcurrentMap<TKey, TValue> to)
    {
        _from = from;
        _to = to;
    }

    public TValue this[TKey key]
    {
        get => TryGetValue(key, out TValue? value) ? value : throw new KeyNotFoundException();
        set
        {
            switch (_phase)
            {
                case 1: _to[key] = value; break;
                case 2: _from[key] = value; break;
                default:
                    _from[key] = value;
                    _to[key] = value; // BUG (deliberate): a racing write to the same key may land between the two stores.
                    break;
            }
        }
    }

    public int Count => _phase == 1 ? _to.Count : _from.Count;

    public bool IsEmpty => Count == 0;

    /// <summary>Copies every enumerated entry of the old map that the new map lacks, without a lock.</summary>
    public Task SweepAsync() => Task.Run(() =>
    {
        foreach (KeyValuePair<TKey, TValue> pair in _from)
        {
            _to.TryAdd(pair.Key, pair.Value); // BUG (deliberate): the entry may have been removed since it was enumerated.
        }
    });

    /// <summary>Switches to the new map alone, without copying what it lacks (the naive recipe's "drop the old map").</summary>
    public void CutOver() => _phase = 1;

    /// <summary>Switches to the old map alone.</summary>
    public void Rollback() => _phase = 2;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        switch (_phase)
        {
            case 1: return _to.TryGetValue(key, out value);
            case 2: return _from.TryGetValue(key, out value);
        }

        if (_to.TryGetValue(key, out value))
        {
            return true;
        }

        if (!_from.TryGetValue(key, out value))
        {
            return false;
        }

        _to.TryAdd(key, value); // BUG (deliberate): a remove may have run since the read above; this brings the key back.
        return true;
    }

    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    public bool TryAdd(TKey key, TValue value)
    {
        switch (_phase)
        {
            case 1: return _to.TryAdd(key, value);
            case 2: return _from.TryAdd(key, value);
        }

        if (!_from.TryAdd(key, value))
        {
            return false;
        }

        _to[key] = value;
        return true;
    }

    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        switch (_phase)
        {
            case 1: return _to.TryRemove(key, out value);
            case 2: return _from.TryRemove(key, out value);
        }

        bool removed = _from.TryRemove(key, out value);
        _to.TryRemove(key, out _);
        return removed;
    }

    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        switch (_phase)
        {
            case 1: return _to.TryUpdate(key, newValue, comparisonValue);
            case 2: return _from.TryUpdate(key, newValue, comparisonValue);
        }

        if (!_from.TryUpdate(key, newValue, comparisonValue))
        {
            return false;
        }

        _to[key] = newValue;
        return true;
    }

    public TValue GetOrAdd(TKey key, TValue value)
    {
        if (TryGetValue(key, out TValue? existing))
        {
            return existing;
        }

        TValue stored = _phase == 1 ? _to.GetOrAdd(key, value) : _from.GetOrAdd(key, value);
        if (_phase == 0)
        {
            _to.TryAdd(key, stored);
        }

        return stored;
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory) => GetOrAdd(key, valueFactory(key));

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        switch (_phase)
        {
            case 1: return _to.AddOrUpdate(key, addValue, updateValueFactory);
            case 2: return _from.AddOrUpdate(key, addValue, updateValueFactory);
        }

        TValue stored = _from.AddOrUpdate(key, addValue, updateValueFactory);
        _to[key] = stored; // BUG (deliberate): racing updates may store their results in the other order here.
        return stored;
    }

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) =>
        AddOrUpdate(key, addValueFactory(key), updateValueFactory);

    public void Clear()
    {
        _from.Clear();
        _to.Clear();
    }

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => (_phase == 1 ? _to : _from).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
