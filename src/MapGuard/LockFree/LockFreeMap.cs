using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MapGuard.Internal;
using MapGuard.Telemetry;
using MapGuard.LockFree;

namespace MapGuard;

/// <summary>
/// The flagship map: one open-addressed table with entries stored inline (no object per entry), reads that write
/// nothing to shared memory, CAS-based writes, and a resize that writers perform together, one chunk at a time.
/// </summary>
/// <remarks>
/// <para><b>Consistency:</b> every single-key operation is linearizable. <see cref="Count"/> sums striped counters:
/// exact when no write is in flight, otherwise within the writes in flight. Enumeration is weakly consistent: it
/// never throws, yields each key at most once, and yields every key that is neither added nor removed while it runs.
/// <see cref="Clear"/> is not atomic: it removes every entry present when it starts, but a reader running alongside it
/// can see some entries already gone and others not yet.</para>
/// <para><b>Factories</b> run outside any slot's busy bit. <c>GetOrAdd</c>'s factory can run more than once for one
/// key when callers race; one result is stored. <c>AddOrUpdate</c>'s factories may run more than once per call. <c>GetOrAddOnce</c> and <c>AddOrUpdateOnce</c> run an absent key's add factory at most once among racing
/// callers (a per-key gate; docs/design/drop-in.md).</para>
/// <para><b>Progress:</b> blocking at the granularity of one slot, not lock-free. A write holds its key's slot busy from
/// its CAS to its publishing store (a few instructions, never user code); a reader or writer of the same key that meets
/// the busy slot waits, spinning and then sleeping, until the store. So a writer preempted in that window stalls the
/// readers and writers of its one key. A read never writes shared memory and never waits for another key. A write
/// waits for another key only when it meets an insert in progress whose key has the same 32-bit hash, or, during a
/// resize, a busy slot in a chunk it copies. Extra work per write is bounded: during a resize a write copies one chunk
/// of the old table; a write that finds the new table's room for new keys spent copies the chunks other threads have
/// claimed but not finished, instead of waiting for them; the write that starts a resize allocates the new table.
/// <see cref="Clear"/> and enumeration do work in proportion to the table on the calling thread, and enumeration waits
/// for the writer of each busy slot it passes.</para>
/// <para><b>Memory:</b> one slot per entry at a load factor between 3/8 and 3/4: a 64-bit header plus the key and the
/// value. Removed keys keep their slot (and a reference to the key) until the next resize, which drops them; a table
/// full of removed keys resizes to the same size, so churn cannot grow it without bound.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type. Any type: values are validated on read, so even wide structs never tear.</typeparam>
public sealed partial class LockFreeMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    /*
     * Concurrency: all state lives in Table objects. _table is the table writers start from; during a resize its Next
     *   holds the new table. A slot's Meta word (SlotMeta) is its only CAS target. Writers claim an empty slot by CAS
     *   (0 -> hash|busy|live), or take an existing slot's busy bit by CAS on the exact Meta they read (so any write in
     *   between makes the CAS fail), write the value, and publish a new Meta with the next version. Readers read Meta,
     *   then key and value, then Meta again, and accept only if it did not change (a per-slot seqlock), so a value is
     *   never torn and never belongs to another state. A key's slot is fixed for the life of a table.
     * Memory ordering: CAS is a full fence. Publishing is a Volatile.Write (release) after the key and value stores;
     *   readers' Volatile.Read of Meta (acquire) pairs with it. Between the value load and the validating Meta load,
     *   Volatile.ReadBarrier keeps the loads in order (documented: no load moves past it; free on x64).
     * Progress: blocking per slot, never across keys (see remarks). A busy bit is held from a CAS to its publishing
     *   store; only readers and writers of that key, writers that meet a claim of the same 32-bit hash (SlotMeta.IsClaiming)
     *   and copiers of that slot wait for it. Every wait is a SpinWait, which sleeps after a bounded spin.
     * Versions: a slot's version never wraps (INVARIANT in SlotMeta): a write that finds its slot at the last version
     *   resizes the table (RetireSlot) and retries, so the key moves to a fresh slot and the old slot ends Moved.
     * Resizing: a claim that pushes Table.Claimed past Table.Threshold (Table.ThresholdFor: sparser up to SmallTable
     *   slots) starts a resize (StartResize): double when live keys (_count) are more than two thirds of Threshold,
     *   otherwise keep the size, which drops dead slots; never past _maxCapacity (MaxCapacity), where a same-size copy
     *   runs only when it frees an eighth of the table. Each write that finds a resize running copies one CopyChunk (HelpCopy).
     *   New keys may be claimed in the new table only up to its DirectLimit while the old one is copied in; a writer
     *   past it finishes the copy (FinishCopy), migrating chunks other threads claimed rather than waiting for them.
     *   Before writing key K into the new table a writer migrates K's old slot, or seals the first empty slot of K's
     *   old probe chain, so the old table can never again accept K (EnsureMigrated). Readers follow Moved/Sealed slots
     *   to the next table. The thread that flags the last chunk done promotes the new table with a CAS on _table.
     *   Clear installs an empty table of ClearedCapacity slots whose copy drops entries.
     * Hashing: ordinal string keys start on FastStringHash, and integer keys on their own low bits (an identity-placed
     *   table: home slot = key mod length, so sequential IDs never collide). A probe that meets more than
     *   CollisionBound other keys of its full hash, or one of an identity-placed table that passes HashHelpers.IdentityProbeBound
     *   slots, rebuilds the map for good on the randomized (strings) or seeded (integers) hash (RandomizeHash).
     * Telemetry: a map built WithMetrics() counts each call inline into its MapTelemetry (_telemetry, set once in the
     *   constructor): once a call returns, the cell of its op and result, on the branch already taken for that result.
     *   The cells are striped plain increments, RACE(benign) as MapTelemetry says; off, the cost is one null test per call.
     * References: Cliff Click's non-blocking hash map (keys fixed per slot, tombstones, cooperative chunked copy with
     *   per-slot migration); Java's ConcurrentHashMap (helping transfer); swiss tables and xsync's MapOf (inline
     *   entries, a hash word checked before the key); seqlocks (Lameter) for torn-free reads of wide values.
     */

    // Smallest table: a map of a few keys stays a few cache lines.
    private const int MinCapacity = 16;

    // 2^16 slots of long/long is 1.5 MB: about what a core's L2 holds. Below it tables are kept sparser (Threshold).
    private const int SmallTable = 1 << 16;

    // Slots a write copies when it helps a resize (24 KB for long/long): the unit that bounds a write's extra work.
    private const int CopyChunk = 1024;

    // 2^30 slots is the largest power-of-two array length .NET allows for these element sizes.
    private const int MaxCapacity = 1 << 30;

    private readonly KeyComparer<TKey> _keys;

    // SlotMeta.VersionMask and MaxCapacity, unless a test narrows them to reach a wrap or the size limit quickly.
    private readonly long _versionMask;
    private readonly int _maxCapacity;
    private readonly StripedCounter _count = new();

    // PUBLISHED BY: Volatile.Write in RandomizeHash (false to true, once); READ WITH: Volatile.Read in StartResize and
    // Clear, which build every later table on the randomized hash once it is set.
    private bool _randomizeHash;

    // Writes that found a new table's direct room spent and had to finish its predecessor's copy first (Interlocked).
    private int _directLimitWaits;

    // PUBLISHED BY: a plain store in the constructor (the map is not shared yet: whatever publishes the map publishes
    // it) and the CAS in Promote; READ WITH: Volatile.Read into a local.
    private Table _table;

    // The counters of a map built WithMetrics(): _telemetry counts operations (null when metrics are off, or when a
    // bounded map around this one counts them); _events takes resizes. Set once in the constructor.
    private readonly MapTelemetry? _telemetry;
    private readonly MapTelemetry? _events;
    private readonly MapLabel _label; // the name and hash-flood flag

    /// <summary>Creates an empty map with the default comparer.</summary>
    public LockFreeMap()
        : this(0, null)
    {
    }

    /// <summary>Creates an empty map.</summary>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    public LockFreeMap(IEqualityComparer<TKey>? comparer)
        : this(0, comparer)
    {
    }

    /// <summary>Creates an empty map that holds <paramref name="capacity"/> entries before its first resize.</summary>
    /// <param name="capacity">Entries to hold before the first resize, from 0 to 805,306,368 (three quarters of the
    /// largest table, 2^30 slots).</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative or above 805,306,368.</exception>
    public LockFreeMap(int capacity, IEqualityComparer<TKey>? comparer = null)
        : this(capacity, comparer, SlotMeta.VersionBits, MaxCapacity)
    {
    }

    /// <summary>Test hook: a map whose slot versions have <paramref name="versionBits"/> bits and whose table stops at <paramref name="maxCapacity"/> slots.</summary>
    internal LockFreeMap(int capacity, IEqualityComparer<TKey>? comparer, int versionBits, int maxCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxCapacity / 4 * 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(versionBits, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(versionBits, SlotMeta.VersionBits);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCapacity, MinCapacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCapacity, MaxCapacity);
        _keys = new KeyComparer<TKey>(comparer);
        _versionMask = SlotMeta.VersionMaskFor(versionBits);
        _maxCapacity = maxCapacity;
        _table = NewTable(Table.CapacityFor(capacity), dropsPredecessor: false, directLimit: int.MaxValue, randomizedHash: !_keys.StartsFast);
        _label = new MapLabel(null);
    }

    /// <summary>A map built by <see cref="MapBuilder{TKey, TValue}"/>: named, and metered when <paramref name="wiring"/> has telemetry.</summary>
    internal LockFreeMap(IEqualityComparer<TKey>? comparer, MapWiring wiring)
        : this(0, comparer)
    {
        _telemetry = wiring.Operations;
        _events = wiring.Telemetry;
        _label = new MapLabel(wiring.Name);
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
            SetCore(key, value);
            _telemetry?.Count(MapCount.SetStored);
        }
    }

    /// <inheritdoc/>
    /// <remarks>A sum of striped counters: exact when no write is in flight.</remarks>
    public int Count => (int)Math.Clamp(_count.Sum(), 0, int.MaxValue);

    /// <inheritdoc/>
    public bool IsEmpty => Count == 0;

    /// <summary>Gets the number of slots in the current table: a measure of memory use, for tests and diagnostics.</summary>
    internal int SlotCount => Volatile.Read(ref _table).Slots.Length;

    /// <summary>Gets how many writes had to finish a resize's copy before they could claim a slot: for tests.</summary>
    internal int DirectLimitWaits => Volatile.Read(ref _directLimitWaits);

    /// <inheritdoc/>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        Table table = Volatile.Read(ref _table);
        if (!_keys.InlinesEquality)
        {
            return TryGetValueCounted(key, out value); // a comparer call: out of line too
        }

        uint hash = HashAtHome(table, key);
        if (TryGetValueAtHome(table, key, hash, out value))
        {
            _telemetry?.Count(MapCount.GetHit);
            return true;
        }

        return TryGetValueCounted(table, key, hash, out value); // out of line: the hit path above saves no registers
    }

    /// <summary><see cref="TryGetValue"/> for a value-type key under a user comparer, with its count.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryGetValueCounted(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        Table table = Volatile.Read(ref _table);
        return TryGetValueCounted(table, key, HashIn(table, key), out value);
    }

    /// <summary>The rest of <see cref="TryGetValue"/> when the home slot did not answer, with its count.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryGetValueCounted(Table table, TKey key, uint hash, [MaybeNullWhen(false)] out TValue value)
    {
        bool found = TryGetValueProbe(table, key, hash, out value);
        _telemetry?.Count(found ? MapCount.GetHit : MapCount.GetMiss);
        return found;
    }

    /// <inheritdoc/>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <inheritdoc/>
    public bool TryAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        if (TryAddCore(key, value, out _))
        {
            _telemetry?.Count(MapCount.AddStored);
            return true;
        }

        _telemetry?.Count(MapCount.AddRejected);
        return false;
    }

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        if (TryGetValueFast(key, out TValue? existing))
        {
            _telemetry?.Count(MapCount.GetHit);
            return existing;
        }

        _telemetry?.Count(MapCount.GetMiss);
        TValue result = TryAddCore(key, value, out existing) ? value : existing;
        _telemetry?.Count(MapCount.AddStored);
        return result;
    }

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);

        if (TryGetValueFast(key, out TValue? existing))
        {
            _telemetry?.Count(MapCount.GetHit);
            return existing;
        }

        _telemetry?.Count(MapCount.GetMiss);
        TValue value = valueFactory(key);
        TValue result = TryAddCore(key, value, out existing) ? value : existing;
        _telemetry?.Count(MapCount.AddStored);
        return result;
    }

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(updateValueFactory);

        TValue result = AddOrUpdateCore(key, addValue, null, updateValueFactory);
        _telemetry?.Count(MapCount.UpdateStored);
        return result;
    }

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(addValueFactory);

        ArgumentNullException.ThrowIfNull(updateValueFactory);

        TValue result = AddOrUpdateCore(key, default!, addValueFactory, updateValueFactory);
        _telemetry?.Count(MapCount.UpdateStored);
        return result;
    }

    /// <inheritdoc/>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        if (TryRemoveCore(key, out value))
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
        if (TryUpdateCore(key, newValue, comparisonValue))
        {
            _telemetry?.Count(MapCount.UpdateStored);
            return true;
        }

        _telemetry?.Count(MapCount.UpdateMiss);
        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() =>
        new MapEnumerator<LockFreeMap<TKey, TValue>, TKey, TValue>(this, static map => map.Enumerate(map.FinishPendingResize()));

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The hash <paramref name="key"/> has in <paramref name="table"/>: the fast string hash until the table is built
    /// randomized. Every other key type gets its one seeded hash, and the table's flag is not read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint HashIn(Table table, TKey key) => _keys.Hash(key, !_keys.StartsFast || table.RandomizedHash);

    /// <summary>A new table; one on the fast hash places integer keys by their own bits.</summary>
    private Table NewTable(int capacity, bool dropsPredecessor, int directLimit, bool randomizedHash) =>
        new(capacity, dropsPredecessor, directLimit, randomizedHash, identityPlaced: !randomizedHash && _keys.PlacesByIdentity);

    /// <summary>The hash of <paramref name="key"/> in <paramref name="next"/>, given its <paramref name="hash"/> in <paramref name="table"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint HashAcross(Table table, Table next, TKey key, uint hash) =>
        !_keys.StartsFast || table.RandomizedHash == next.RandomizedHash ? hash : HashIn(next, key);

    /// <summary>
    /// The home slot of <paramref name="hash"/> in <paramref name="table"/>: its top bits. Every seeded hash KeyComparer
    /// gives is the top half of a seeded multiply (multiply-shift), whose top bits are the ones the scheme proves
    /// universal, so no second mix is needed. In an identity-placed table (integer keys, unmixed) it is the low bits
    /// instead: the key modulo the table's length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HomeSlot(Table table, uint hash) =>
        (int)((KeyComparer<TKey>.IsIntegerKey ? hash << table.IdentityShift : hash) >> table.Shift);

}
