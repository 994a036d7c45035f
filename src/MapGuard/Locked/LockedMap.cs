using System.Collections;
using System.Diagnostics.CodeAnalysis;
using MapGuard.Internal;
using MapGuard.Locked;
using MapGuard.Telemetry;

namespace MapGuard;

/// <summary>
/// A <see cref="Dictionary{TKey, TValue}"/> behind one <see cref="Lock"/>: the plain, obviously correct baseline.
/// Pick it for tiny maps and simple code; every other map beats it under contention.
/// </summary>
/// <remarks>
/// <para><b>Consistency:</b> linearizable. <see cref="Count"/> is exact. Enumeration walks a snapshot taken under the
/// lock (O(n) allocation) and never throws.</para>
/// <para><b>Factories</b> run inside the lock, exactly once per call; a factory may call back into the map. <c>GetOrAddOnce</c> and <c>AddOrUpdateOnce</c> run an absent key's add factory at most once among racing
/// callers (a per-key gate; docs/design/drop-in.md).</para>
/// <para><b>Progress:</b> blocking for reads and writes. A slow factory blocks every other caller.</para>
/// <para>The lock is <see cref="Lock"/>, not <see cref="ReaderWriterLockSlim"/>: see docs/design/locked-map.md.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed partial class LockedMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    /// <summary>
    /// The largest <c>capacity</c> the constructor accepts. <see cref="Dictionary{TKey, TValue}"/> rounds a capacity up
    /// to a prime, and near <see cref="int.MaxValue"/> that exceeds the largest array .NET allows.
    /// </summary>
    public const int MaxCapacity = 1 << 30;

    private readonly LockedMapCore<TKey, TValue, ExclusiveLockPolicy> _core;

    // The counter of a map built WithMetrics(): null when metrics are off, or when a bounded map around this one counts
    // its operations. Set once in the constructor; the core reports lock waits itself.
    private readonly MapTelemetry? _telemetry;

    /// <summary>Creates an empty map with the default comparer.</summary>
    public LockedMap()
        : this(0, null)
    {
    }

    /// <summary>Creates an empty map.</summary>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    public LockedMap(IEqualityComparer<TKey>? comparer)
        : this(0, comparer)
    {
    }

    /// <summary>Creates an empty map sized for <paramref name="capacity"/> entries.</summary>
    /// <param name="capacity">Entries to hold before the first resize, from 0 to <see cref="MaxCapacity"/>.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative or above
    /// <see cref="MaxCapacity"/>.</exception>
    public LockedMap(int capacity, IEqualityComparer<TKey>? comparer = null)
        : this(capacity, comparer, MapWiring.None)
    {
    }

    /// <summary>A map built by <see cref="MapBuilder{TKey, TValue}"/>: named, and metered when <paramref name="wiring"/> has telemetry.</summary>
    internal LockedMap(int capacity, IEqualityComparer<TKey>? comparer, MapWiring wiring)
    {
        if (capacity < 0 || capacity > MaxCapacity)
        {
            Throw.ArgumentOutOfRange(nameof(capacity), capacity, $"The capacity must be from 0 to {MaxCapacity}.");
        }

        _core = new LockedMapCore<TKey, TValue, ExclusiveLockPolicy>(capacity, comparer, this, new MapLabel(wiring.Name), wiring.Telemetry);
        _telemetry = wiring.Operations;
    }

    /// <inheritdoc/>
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
            _core[key] = value;
            _telemetry?.Count(MapCount.SetStored);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Exact: read under the lock.</remarks>
    public int Count => _core.Count;

    /// <summary>The count without the lock, for the entries gauge (see <c>LockedMapCore.CountWithoutLock</c>).</summary>
    internal int CountWithoutLock => _core.CountWithoutLock;

    /// <inheritdoc/>
    public bool IsEmpty => _core.IsEmpty;

    /// <inheritdoc/>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        if (_core.TryGetValue(key, out value))
        {
            _telemetry?.Count(MapCount.GetHit);
            return true;
        }

        _telemetry?.Count(MapCount.GetMiss);
        return false;
    }

    /// <inheritdoc/>
    public bool TryAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        if (_core.TryAdd(key, value))
        {
            _telemetry?.Count(MapCount.AddStored);
            return true;
        }

        _telemetry?.Count(MapCount.AddRejected);
        return false;
    }

    /// <inheritdoc/>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        if (_core.TryRemove(key, out value))
        {
            _telemetry?.Count(MapCount.RemoveHit);
            return true;
        }

        _telemetry?.Count(MapCount.RemoveMiss);
        return false;
    }

    /// <inheritdoc/>
    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        if (_core.TryUpdate(key, newValue, comparisonValue))
        {
            _telemetry?.Count(MapCount.UpdateStored);
            return true;
        }

        _telemetry?.Count(MapCount.UpdateMiss);
        return false;
    }

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        // Metered, the lookup comes first, so a hit counts as a get and a miss as a get and an add.
        if (_telemetry is { } telemetry && MapSurface<TKey, TValue>.CountGetOrAddOnce(this, telemetry, key, out TValue? existing))
        {
            return existing;
        }

        return MapSurface<TKey, TValue>.Added(_telemetry, _core.GetOrAdd(key, value));
    }

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        if (_telemetry is { } telemetry && MapSurface<TKey, TValue>.CountGetOrAddOnce(this, telemetry, key, out TValue? existing))
        {
            return existing;
        }

        return MapSurface<TKey, TValue>.Added(_telemetry, _core.GetOrAdd(key, valueFactory));
    }

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        TValue result = _core.AddOrUpdate(key, addValue, updateValueFactory);
        _telemetry?.Count(MapCount.UpdateStored);
        return result;
    }

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        TValue result = _core.AddOrUpdate(key, addValueFactory, updateValueFactory);
        _telemetry?.Count(MapCount.UpdateStored);
        return result;
    }

    /// <inheritdoc/>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <inheritdoc/>
    public void Clear() => _core.Clear();

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _core.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
