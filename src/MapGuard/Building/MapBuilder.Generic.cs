using System.Text.RegularExpressions;
using MapGuard.Bounded;
using MapGuard.Bounded.Policies;
using MapGuard.Diagnostics;
using MapGuard.Governance;
using MapGuard.Telemetry;

namespace MapGuard;

/// <summary>
/// Configures and builds a governed <see cref="IConcurrentMap{TKey, TValue}"/>: the map strategy, its name, key and
/// value rules, a capacity with an eviction policy, expiry, and eviction notices. Start with
/// <see cref="MapBuilder.For{TKey, TValue}"/>.
/// </summary>
/// <remarks>
/// <para>A builder with no policies builds the bare map itself (for example a <see cref="LockFreeMap{TKey, TValue}"/>),
/// so it costs nothing; with <see cref="WithMetrics"/> too, since the map counts its own operations inline. Rules add a check before each write and nothing to reads. Capacity, expiry or a notice
/// callback store each value in an entry object with the policy's bookkeeping; reads stay lock-free, and writes take
/// one lock per map so that the bound, the queues and the map change together.</para>
/// <para>A builder is not thread-safe. <see cref="Build"/> can be called more than once; each call builds a new map.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class MapBuilder<TKey, TValue>
    where TKey : notnull
{
    private readonly List<MapRule<TKey>> _keyRules = [];
    private readonly List<MapRule<TValue>> _valueRules = [];
    private MapStrategy _strategy = MapStrategy.LockFree;
    private int? _shardCount;
    private IEqualityComparer<TKey>? _comparer;
    private string? _name;
    private int? _capacity;
    private Eviction _eviction;
    private TimeSpan? _expireAfterWrite;
    private TimeSpan? _expireAfterAccess;
    private TimeProvider _timeProvider = TimeProvider.System;
    private Action<EvictionNotice<TKey, TValue>>? _onEviction;
    private bool _metrics;

    internal MapBuilder()
    {
    }

    /// <summary>Names the map: the name appears in every error it raises and in the <c>map</c> tag of its metrics.</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or blank.</exception>
    public MapBuilder<TKey, TValue> Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
        return this;
    }

    /// <summary>Builds on <paramref name="strategy"/>.</summary>
    /// <param name="strategy">The map strategy.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="strategy"/> is not a defined value.</exception>
    public MapBuilder<TKey, TValue> Use(MapStrategy strategy)
    {
        if (!Enum.IsDefined(strategy))
        {
            throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Not a MapStrategy value.");
        }

        _strategy = strategy;
        return this;
    }

    /// <summary>Builds on <see cref="LockFreeMap{TKey, TValue}"/> (the default).</summary>
    public MapBuilder<TKey, TValue> UseLockFree() => Use(MapStrategy.LockFree);

    /// <summary>Builds on <see cref="ShardedMap{TKey, TValue}"/>.</summary>
    /// <param name="shardCount">The number of shards, a power of two from 1 to
    /// <see cref="ShardedMap{TKey, TValue}.MaxShardCount"/>, or null for the map's default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shardCount"/> is not a power of two in range.</exception>
    public MapBuilder<TKey, TValue> UseSharded(int? shardCount = null)
    {
        if (shardCount is { } shards && (shards < 1 || shards > ShardedMap<TKey, TValue>.MaxShardCount || (shards & (shards - 1)) != 0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(shardCount), shards, $"The shard count must be a power of two from 1 to {ShardedMap<TKey, TValue>.MaxShardCount}.");
        }

        _shardCount = shardCount;
        return Use(MapStrategy.Sharded);
    }

    /// <summary>Builds on <see cref="ReadMostlyMap{TKey, TValue}"/>.</summary>
    public MapBuilder<TKey, TValue> UseReadMostly() => Use(MapStrategy.ReadMostly);

    /// <summary>Builds on <see cref="LockedMap{TKey, TValue}"/>.</summary>
    public MapBuilder<TKey, TValue> UseLocked() => Use(MapStrategy.Locked);

    /// <summary>Builds on <see cref="ConcurrentDictionaryMap{TKey, TValue}"/>.</summary>
    public MapBuilder<TKey, TValue> UseConcurrentDictionary() => Use(MapStrategy.ConcurrentDictionary);

    /// <summary>Compares keys with <paramref name="comparer"/>.</summary>
    /// <param name="comparer">The key comparer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="comparer"/> is null.</exception>
    public MapBuilder<TKey, TValue> WithComparer(IEqualityComparer<TKey> comparer)
    {
        ArgumentNullException.ThrowIfNull(comparer);
        _comparer = comparer;
        return this;
    }

    /// <summary>Refuses keys that break <paramref name="rule"/> with <see cref="MapPolicyViolationException"/>.</summary>
    /// <param name="rule">The rule.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public MapBuilder<TKey, TValue> WithKeyRule(MapRule<TKey> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _keyRules.Add(rule);
        return this;
    }

    /// <summary>Refuses keys for which <paramref name="isAllowed"/> returns false.</summary>
    /// <param name="name">The rule's name, shown in errors.</param>
    /// <param name="isAllowed">A thread-safe predicate.</param>
    public MapBuilder<TKey, TValue> WithKeyRule(string name, Func<TKey, bool> isAllowed) => WithKeyRule(new MapRule<TKey>(name, isAllowed));

    /// <summary>
    /// Refuses string keys longer than <paramref name="maxLength"/> or not matched whole by <paramref name="pattern"/>:
    /// the match must start at the key's first character and end at its last, so <c>^order-[0-9]+$</c> refuses
    /// <c>"order-7\n"</c> (see <see cref="MapRules.Matches"/>). Prefer a <c>[GeneratedRegex]</c> pattern, anchored with
    /// <c>^...$</c> or <c>\A...\z</c>.
    /// </summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="maxLength">The longest acceptable key.</param>
    /// <param name="name">The rule's name; defaults to a description of the pattern.</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="TKey"/> is not <see cref="string"/>.</exception>
    public MapBuilder<TKey, TValue> WithKeyPattern(Regex pattern, int maxLength = 256, string? name = null)
    {
        if (typeof(TKey) != typeof(string))
        {
            throw new InvalidOperationException($"WithKeyPattern needs string keys; this map's keys are {typeof(TKey).Name}. Use WithKeyRule.");
        }

        return WithKeyRule((MapRule<TKey>)(object)MapRules.Matches(pattern, maxLength, name));
    }

    /// <summary>Refuses values that break <paramref name="rule"/> with <see cref="MapPolicyViolationException"/>.</summary>
    /// <param name="rule">The rule.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public MapBuilder<TKey, TValue> WithValueRule(MapRule<TValue> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _valueRules.Add(rule);
        return this;
    }

    /// <summary>Refuses values for which <paramref name="isAllowed"/> returns false.</summary>
    /// <param name="name">The rule's name, shown in errors.</param>
    /// <param name="isAllowed">A thread-safe predicate.</param>
    public MapBuilder<TKey, TValue> WithValueRule(string name, Func<TValue, bool> isAllowed) => WithValueRule(new MapRule<TValue>(name, isAllowed));

    /// <summary>Refuses null values, including null results of value factories.</summary>
    public MapBuilder<TKey, TValue> RejectNullValues() => WithValueRule(MapRules.NotNull<TValue>());

    /// <summary>
    /// Bounds the map to <paramref name="capacity"/> keys. When a new key arrives at a full map,
    /// <paramref name="eviction"/> decides: refuse it, or evict a key. <see cref="IConcurrentMap{TKey, TValue}.Count"/>
    /// never exceeds the capacity, even while writers race.
    /// </summary>
    /// <param name="capacity">The most keys the map holds, at least 1.</param>
    /// <param name="eviction">The eviction policy; <see cref="Eviction.TinyLfu"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1, or <paramref name="eviction"/> is not defined.</exception>
    public MapBuilder<TKey, TValue> WithCapacity(int capacity, Eviction eviction = Eviction.TinyLfu)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        if (!Enum.IsDefined(eviction))
        {
            throw new ArgumentOutOfRangeException(nameof(eviction), eviction, "Not an Eviction value.");
        }

        _capacity = capacity;
        _eviction = eviction;
        return this;
    }

    /// <summary>Removes each entry <paramref name="lifetime"/> after its value was last written.</summary>
    /// <param name="lifetime">A positive time.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is not positive.</exception>
    public MapBuilder<TKey, TValue> ExpireAfterWrite(TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _expireAfterWrite = lifetime;
        return this;
    }

    /// <summary>Removes each entry <paramref name="lifetime"/> after it was last read or written.</summary>
    /// <param name="lifetime">A positive time.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is not positive.</exception>
    public MapBuilder<TKey, TValue> ExpireAfterAccess(TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _expireAfterAccess = lifetime;
        return this;
    }

    /// <summary>Takes time for expiry from <paramref name="timeProvider"/> instead of the system clock (tests use a fake one).</summary>
    /// <param name="timeProvider">The clock, and the source of the cleanup timer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
    public MapBuilder<TKey, TValue> UseTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        return this;
    }

    /// <summary>
    /// Calls <paramref name="callback"/> for each entry that leaves the map or has its value replaced, with the reason.
    /// It runs on the thread whose operation caused it, after the map's lock is released. An exception it throws is
    /// logged through <see cref="System.Diagnostics.Trace"/> and never reaches the map or the caller.
    /// </summary>
    /// <param name="callback">The callback.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public MapBuilder<TKey, TValue> OnEviction(Action<EvictionNotice<TKey, TValue>> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _onEviction += callback;
        return this;
    }

    /// <summary>
    /// Reports the map's operations, entries, evictions, resizes and contended lock waits through the
    /// <see cref="MapGuardMeter"/> instruments, tagged with the map's name (see <see cref="Named"/>). Operations are
    /// counted by the map itself, inline, in per-thread striped cells that the instruments read when collected: no
    /// wrapper, no allocation and no <c>Counter.Add</c> per call. A map built without this counts nothing: its counting
    /// code is one test of a null field, or none at all for a bounded map.
    /// </summary>
    public MapBuilder<TKey, TValue> WithMetrics()
    {
        _metrics = true;
        return this;
    }

    /// <summary>Builds a new, empty map with everything configured so far.</summary>
    public IConcurrentMap<TKey, TValue> Build()
    {
        bool governed = _capacity is not null || _expireAfterWrite is not null || _expireAfterAccess is not null || _onEviction is not null;

        // The telemetry is passed to the maps as they are built: each counts its own operations inline and reports its
        // resizes and lock waits into it. Nothing wraps the map, and no table maps maps to their metrics.
        MapTelemetry? telemetry = _metrics
            ? new MapTelemetry(_name ?? MapNames.Default(governed ? StrategyType<BoundedEntry<TKey, TValue>>() : StrategyType<TValue>()), MeterEvents.Instance)
            : null;
        IConcurrentMap<TKey, TValue> map = governed
            ? BuildBounded(telemetry)
            : CreateStrategy<TValue>(new MapWiring(_name, telemetry, CountsOperations: true));
        if (telemetry is not null)
        {
            // The entries gauge: a LockedMap's count without its lock, so a collection never waits for a writer.
            IConcurrentMap<TKey, TValue> counted = map;
            telemetry.Entries = counted is LockedMap<TKey, TValue> locked ? () => locked.CountWithoutLock : () => counted.Count;
        }

        if (_keyRules.Count > 0 || _valueRules.Count > 0)
        {
            map = new RuledMap<TKey, TValue>(map, [.. _keyRules], [.. _valueRules], _comparer ?? EqualityComparer<TKey>.Default, _name, telemetry);
        }

        return map;
    }

    private IConcurrentMap<TKey, TValue> BuildBounded(MapTelemetry? telemetry)
    {
        // The map inside counts no operations (the bounded map counts them), but reports its resizes and lock waits.
        IConcurrentMap<TKey, BoundedEntry<TKey, TValue>> inner =
            CreateStrategy<BoundedEntry<TKey, TValue>>(new MapWiring(_name, telemetry, CountsOperations: false));
        var expiry = new ExpirySettings(_timeProvider, _expireAfterWrite, _expireAfterAccess);
        if (_capacity is not { } capacity)
        {
            return Bounded(inner, new NoEvictionPolicy<TKey, TValue>(rejectsWhenFull: false), int.MaxValue, expiry, telemetry);
        }

        return _eviction switch
        {
            Eviction.Reject => Bounded(inner, new NoEvictionPolicy<TKey, TValue>(rejectsWhenFull: true), capacity, expiry, telemetry),
            Eviction.Lru => Bounded(inner, new SegmentedLruPolicy<TKey, TValue>(capacity), capacity, expiry, telemetry),
            _ => Bounded(inner, new TinyLfuPolicy<TKey, TValue>(capacity), capacity, expiry, telemetry),
        };
    }

    // The telemetry policy is a struct type argument: without metrics the JIT compiles the bounded map with no counting code.
    private IConcurrentMap<TKey, TValue> Bounded<TPolicy>(
        IConcurrentMap<TKey, BoundedEntry<TKey, TValue>> inner, TPolicy policy, int capacity, ExpirySettings expiry, MapTelemetry? telemetry)
        where TPolicy : struct, IEvictionPolicy<TKey, TValue> =>
        telemetry is null
            ? new BoundedMap<TKey, TValue, TPolicy, NoTelemetry>(inner, _comparer, policy, capacity, expiry, _onEviction, default, _name)
            : new BoundedMap<TKey, TValue, TPolicy, CountingTelemetry>(inner, _comparer, policy, capacity, expiry, _onEviction, new CountingTelemetry(telemetry), _name);

    private IConcurrentMap<TKey, TStored> CreateStrategy<TStored>(MapWiring wiring) => _strategy switch
    {
        MapStrategy.Sharded => new ShardedMap<TKey, TStored>(_shardCount ?? ShardedMap<TKey, TStored>.DefaultShardCount, _comparer, wiring),
        MapStrategy.ReadMostly => new ReadMostlyMap<TKey, TStored>(_comparer, wiring),
        MapStrategy.Locked => new LockedMap<TKey, TStored>(0, _comparer, wiring),
        MapStrategy.ConcurrentDictionary => new ConcurrentDictionaryMap<TKey, TStored>(_comparer, wiring),
        _ => new LockFreeMap<TKey, TStored>(_comparer, wiring),
    };

    /// <summary>The type <see cref="CreateStrategy{TStored}"/> builds, whose name an unnamed map's metrics carry.</summary>
    private Type StrategyType<TStored>() => _strategy switch
    {
        MapStrategy.Sharded => typeof(ShardedMap<TKey, TStored>),
        MapStrategy.ReadMostly => typeof(ReadMostlyMap<TKey, TStored>),
        MapStrategy.Locked => typeof(LockedMap<TKey, TStored>),
        MapStrategy.ConcurrentDictionary => typeof(ConcurrentDictionaryMap<TKey, TStored>),
        _ => typeof(LockFreeMap<TKey, TStored>),
    };
}
