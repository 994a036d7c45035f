namespace MapGuard.Telemetry;

/// <summary>
/// A set of weak references to live telemetry objects, for observable instruments to enumerate. An object joins when
/// it is created and leaves when it is collected; nothing is ever looked up by key, so no map finds itself here.
/// </summary>
/// <typeparam name="T">The telemetry type.</typeparam>
internal sealed class LiveSet<T>
    where T : class
{
    /*
     * Concurrency: GUARDED BY _lock: _items and _pruneAt. Adds happen once per built map and snapshots once per
     *   collection, both cold, so one lock is enough.
     * Memory: dead references are pruned by a snapshot, and by an add once the list has doubled since the last prune,
     *   so a process that builds maps and never collects keeps at most twice its live maps' references.
     */

    private readonly Lock _lock = new();
    private readonly List<WeakReference<T>> _items = []; // GUARDED BY: _lock
    private int _pruneAt = 16;                             // GUARDED BY: _lock

    /// <summary>Adds <paramref name="item"/>; it stays until it is collected.</summary>
    public void Add(T item)
    {
        lock (_lock)
        {
            if (_items.Count >= _pruneAt)
            {
                Prune(null);
                _pruneAt = Math.Max(16, _items.Count * 2);
            }

            _items.Add(new WeakReference<T>(item));
        }
    }

    /// <summary>The live items, in the order they were added; dead references are dropped.</summary>
    public List<T> Snapshot()
    {
        var live = new List<T>();
        lock (_lock)
        {
            Prune(live);
        }

        return live;
    }

    private void Prune(List<T>? live)
    {
        int kept = 0;
        for (int i = 0; i < _items.Count; i++)
        {
            WeakReference<T> reference = _items[i];
            if (reference.TryGetTarget(out T? item))
            {
                _items[kept++] = reference;
                live?.Add(item);
            }
        }

        _items.RemoveRange(kept, _items.Count - kept);
    }
}
