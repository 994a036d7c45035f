using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MapGuard.Internal;
using MapGuard.Telemetry;

namespace MapGuard.Locked;

/// <summary>A <see cref="Dictionary{TKey, TValue}"/> behind a lock chosen by <typeparamref name="TLock"/>.</summary>
internal sealed class LockedMapCore<TKey, TValue, TLock> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
    where TLock : struct, ILockPolicy
{
    /*
     * Concurrency: every access to _dictionary happens inside _lock (read or write side). Factories run inside
     *   the write lock, so each runs at most once per call and the whole operation is atomic. The map is
     *   linearizable; Count is exact.
     * Memory ordering: the lock's acquire/release orders everything; no field is read outside it.
     * Progress: blocking for every operation, readers included.
     * Resizing: Dictionary grows inside the write lock; readers wait for it.
     * References: the textbook "one lock around a map" design (Go's RWMutex + map); the plain baseline.
     */

    private readonly Dictionary<TKey, TValue> _dictionary; // GUARDED BY: _lock
    private readonly TLock _lock;
    private readonly MapTelemetry? _events; // where contended lock waits go; null when metrics are off
    private readonly IEqualityComparer<TKey> _comparer; // the user's, for Comparer; _dictionary holds a seeded wrapper

    /// <param name="capacity">The initial capacity.</param>
    /// <param name="comparer">The user's comparer, or null.</param>
    /// <param name="owner">The map that hash-flooding reports name: the public facade.</param>
    /// <param name="label">The facade's name and hash-flood flag.</param>
    /// <param name="events">Where contended lock waits are recorded, or null.</param>
    public LockedMapCore(int capacity, IEqualityComparer<TKey>? comparer, object? owner = null, MapLabel? label = null, MapTelemetry? events = null)
    {
        _dictionary = new Dictionary<TKey, TValue>(capacity, KeyComparer<TKey>.ForCollection(comparer, owner ?? this, label ?? new MapLabel(null)));
        _lock = new TLock();
        _events = events;
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
    }

    /// <summary>The comparer the map was created with, or the default.</summary>
    public IEqualityComparer<TKey> Comparer => _comparer;

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
        set
        {
            KeyComparer<TKey>.ThrowIfNull(key);
            _lock.EnterWrite(_events);
            try
            {
                _dictionary[key] = value;
            }
            finally
            {
                _lock.ExitWrite();
            }
        }
    }

    public int Count
    {
        get
        {
            _lock.EnterRead(_events);
            try
            {
                return _dictionary.Count;
            }
            finally
            {
                _lock.ExitRead();
            }
        }
    }

    public bool IsEmpty => Count == 0;

    /// <summary>
    /// The count read without the lock, for the entries gauge, so a metrics collection never waits for a writer (nor
    /// shows up in the lock-wait histogram). RACE(benign): the Dictionary's count is read while a writer may be
    /// changing it; the value is a count from around that write, clamped at 0, which a gauge tolerates.
    /// </summary>
    public int CountWithoutLock => Math.Max(0, _dictionary.Count);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        _lock.EnterRead(_events);
        try
        {
            return _dictionary.TryGetValue(key, out value);
        }
        finally
        {
            _lock.ExitRead();
        }
    }

    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    public bool TryAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        _lock.EnterWrite(_events);
        try
        {
            return _dictionary.TryAdd(key, value);
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        _lock.EnterWrite(_events);
        try
        {
            return _dictionary.Remove(key, out value);
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    public bool TryRemove(KeyValuePair<TKey, TValue> item)
    {
        MapSurface<TKey, TValue>.ThrowIfItemKeyNull(item);
        _lock.EnterWrite(_events);
        try
        {
            ref TValue slot = ref CollectionsMarshal.GetValueRefOrNullRef(_dictionary, item.Key);
            return !Unsafe.IsNullRef(ref slot) &&
                EqualityComparer<TValue>.Default.Equals(slot, item.Value) &&
                _dictionary.Remove(item.Key);
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        _lock.EnterWrite(_events);
        try
        {
            ref TValue slot = ref CollectionsMarshal.GetValueRefOrNullRef(_dictionary, key);
            if (Unsafe.IsNullRef(ref slot) ||
                !EqualityComparer<TValue>.Default.Equals(slot, comparisonValue))
            {
                return false;
            }

            slot = newValue;
            return true;
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    public TValue GetOrAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        _lock.EnterWrite(_events);
        try
        {
            return _dictionary.TryAdd(key, value) ? value : _dictionary[key];
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);

        _lock.EnterWrite(_events);
        try
        {
            if (_dictionary.TryGetValue(key, out TValue? existing))
            {
                return existing;
            }

            // The factory runs before the dictionary changes, so a throwing factory leaves it as it was.
            TValue value = valueFactory(key);
            return _dictionary.TryAdd(key, value) ? value : _dictionary[key];
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(updateValueFactory);

        _lock.EnterWrite(_events);
        try
        {
            return AddOrUpdateLocked(key, addValue, null, updateValueFactory);
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(addValueFactory);

        ArgumentNullException.ThrowIfNull(updateValueFactory);

        _lock.EnterWrite(_events);
        try
        {
            return AddOrUpdateLocked(key, default!, addValueFactory, updateValueFactory);
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    public void Clear()
    {
        _lock.EnterWrite(_events);
        try
        {
            _dictionary.Clear();
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    /// <summary>
    /// Enumerates a snapshot copied under the read lock when the walk starts (the first <c>MoveNext</c>, and again
    /// after <c>Reset</c>): consistent, never throws, costs O(n) allocation.
    /// </summary>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() =>
        new MapEnumerator<LockedMapCore<TKey, TValue, TLock>, TKey, TValue>(this, static core => core.Snapshot());

    private IEnumerator<KeyValuePair<TKey, TValue>> Snapshot()
    {
        KeyValuePair<TKey, TValue>[] snapshot;
        _lock.EnterRead(_events);
        try
        {
            snapshot = [.. _dictionary];
        }
        finally
        {
            _lock.ExitRead();
        }

        return ((IEnumerable<KeyValuePair<TKey, TValue>>)snapshot).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private TValue AddOrUpdateLocked(TKey key, TValue addValue, Func<TKey, TValue>? addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        // Factories run before the dictionary is written, so a throwing factory leaves it as it was. The value is
        // re-looked-up rather than held by ref: a factory may re-enter the (reentrant) lock and resize the dictionary.
        if (_dictionary.TryGetValue(key, out TValue? current))
        {
            TValue updated = updateValueFactory(key, current);
            _dictionary[key] = updated;
            return updated;
        }

        TValue added = addValueFactory is null ? addValue : addValueFactory(key);
        _dictionary[key] = added;
        return added;
    }
}
