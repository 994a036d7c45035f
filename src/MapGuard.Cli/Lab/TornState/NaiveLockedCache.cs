namespace MapGuard.Cli.Lab.TornState;

/// <summary>
/// A naive thread-safe wrapper that tears: a lock around two structures, a value dictionary and a key list
/// kept for ordered iteration and eviction. Under the lock no other thread can interfere, but an exception between
/// the two updates leaves the key listed with no value: the lock protects against threads, not against faults.
/// </summary>
internal sealed class NaiveLockedCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, long> _values;
    private readonly List<long> _keys = [];

    public NaiveLockedCache(IEqualityComparer<long> comparer) => _values = new Dictionary<long, long>(comparer);

    /// <summary>Returns the cached value, or lists the key and then stores what the factory makes.</summary>
    public long GetOrAdd(long key, Func<long, long> factory)
    {
        lock (_lock)
        {
            if (_values.TryGetValue(key, out long value))
            {
                return value;
            }

            _keys.Add(key);          // first structure updated...
            value = factory(key);    // ...then a factory that throws,
            _values.Add(key, value); // or a comparer that throws here, leaves it torn
            return value;
        }
    }

    /// <summary>Adds or updates, keeping the key list in step (or so it hopes).</summary>
    public long AddOrUpdate(long key, Func<long, long> add, Func<long, long, long> update)
    {
        lock (_lock)
        {
            if (_values.TryGetValue(key, out long old))
            {
                long updated = update(key, old);
                _values[key] = updated;
                return updated;
            }

            _keys.Add(key);
            long added = add(key);
            _values[key] = added;
            return added;
        }
    }

    /// <summary>Removes the key from both structures.</summary>
    public bool TryRemove(long key)
    {
        lock (_lock)
        {
            if (!_values.Remove(key))
            {
                return false;
            }

            _keys.Remove(key);
            return true;
        }
    }

    /// <summary>Keys listed with no value, and values whose key is not listed: both zero unless the state is torn.</summary>
    public (int ListedWithoutValue, int ValueNotListed) Check()
    {
        lock (_lock)
        {
            var listed = new HashSet<long>(_keys);
            return (listed.Count(k => !_values.ContainsKey(k)) + (_keys.Count - listed.Count), _values.Keys.Count(k => !listed.Contains(k)));
        }
    }
}
