using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MapGuard.Internal;
using MapGuard.Telemetry;

namespace MapGuard;

/// <summary>
/// A map for read-mostly workloads over a stable key set, after Go's <c>sync.Map</c>: reads take no lock and look only
/// at a published, read-only table; updates and removals of keys in that table are a CAS on the key's entry, also
/// without the lock; new keys go to a locked dirty table that is promoted to a new read table once lookups that missed
/// the read table have paid for the copy.
/// </summary>
/// <remarks>
/// <para><b>Consistency:</b> every single-key operation is linearizable. <see cref="Count"/> sums striped counters:
/// exact when no write is in flight, otherwise a value within the writes in flight. Enumeration is weakly consistent:
/// it never throws, yields each key at most once, and yields every key that is neither added nor removed while it
/// runs exactly once; keys added after it starts may be missed. <see cref="Clear"/> is not atomic: it removes every
/// entry present when it starts, but a reader running alongside it can see some keys already gone and others not yet.
/// </para>
/// <para><b>Factories</b> never run under the lock. <c>GetOrAdd</c>'s factory can run in several racing callers for one
/// key; one result is stored and returned to all of them. <c>AddOrUpdate</c>'s update factory can run more than once
/// per call: it retries until the value it saw is still the value it replaces. <c>GetOrAddOnce</c> and <c>AddOrUpdateOnce</c> run an absent key's add factory at most once among racing
/// callers (a per-key gate; docs/design/drop-in.md).</para>
/// <para><b>Progress:</b> a read of a key in the read table, and a read of an absent key while the dirty table is empty,
/// takes no lock and writes no shared memory; it retries only while a writer of the same key is between its CAS and
/// its publishing store, so such reads are obstruction-free. (The exception, at most once per map for string keys: a
/// lookup that meets a hash flood takes the lock to switch the hash, see Hashing.) Updates, removals and re-additions of keys in the read
/// table take no lock either: writers of different keys never wait for each other, and writers of one key serialise on
/// that entry's busy bit, held for two stores. Adding a new key, and any operation on a key that is only in the dirty
/// table, takes the map's lock (blocking). A promotion copies both tables under the lock; reads and updates of keys in
/// the read table carry on during it.</para>
/// <para><b>Hashing:</b> string keys under the default or ordinal comparer start on a fast non-randomized hash, as the
/// runtime's <see cref="Dictionary{TKey, TValue}"/> does. When a probe, or a promotion placing keys, meets more than
/// <see cref="HashFloodMonitor.CollisionBound"/> keys sharing one full hash, the map switches for good to the
/// randomized hash with one promotion under the lock, which carries every entry; a lookup that meets such a flood takes
/// the lock to do it. Other keys and comparers use their randomized or seeded hash from the start.</para>
/// <para><b>Where it loses:</b> write-heavy mixes that keep adding new keys, key sets that churn (each new key pays for
/// the lock, and removed keys keep their slot until the next promotion), and lookups of keys only in the dirty table,
/// which take the lock until a promotion. Use <see cref="LockFreeMap{TKey, TValue}"/> or
/// <see cref="ShardedMap{TKey, TValue}"/> there.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type. Any type: values are updated in place under a per-entry seqlock, so even
/// wide structs never tear, and updates allocate nothing.</typeparam>
public sealed partial class ReadMostlyMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    /*
     * Concurrency: a key's value lives in its Entry, a small object shared by every table that holds the key. _read is
     *   an immutable open-addressed array of (key, hash, entry), replaced whole, only under _lock. _dirty holds the keys
     *   the read table lacks (never a key the read table has) and is touched only under _lock. An entry's word is
     *   Live, Deleted or Expunged (EntryMeta); lock-free writers change Live/Deleted entries by CAS on that word, and
     *   only lock holders ever make an entry Expunged. Expunged is final. The rule everything rests on:
     *   INVARIANT: an entry that is not Expunged is its key's one authoritative entry: it is in the current read table
     *   or in _dirty, and no other non-Expunged entry for that key exists. An entry leaves every current table only
     *   after it has been Expunged (promotion drops Deleted entries by expunging them; removing a dirty-only key and
     *   Clear expunge too). So any thread holding any entry, from however stale a read table, may CAS it: if the CAS
     *   lands on a non-Expunged word, it landed on the key's truth. A reader that meets Expunged may report the key
     *   absent, because the key was absent at some instant during its call (the entry was Deleted or being cleared
     *   before it was expunged, and nothing can re-add the key elsewhere until the entry is expunged). A writer that
     *   meets Expunged looks the key up again under the lock.
     *   A lookup that misses the read table is final when the table is not Amended (_dirty was empty when it was
     *   published); otherwise it takes the lock, looks at the current read table (a promotion may have happened) and
     *   then _dirty, and counts a miss. Consistency model: see the type's remarks.
     * Hashing: ordinal string keys (KeyComparer.StartsOnFastHash) start on the unseeded FastStringHash, and integer keys
     *   (KeyComparer.PlacesByIdentity) in read tables placed by their own low bits; every other key is on its
     *   randomized (seeded) hash from the start. Each read table carries the hash its slots were built with
     *   (ReadTable.RandomizedHash), and a thread hashes a key for the table it loaded (HashIn), converting the hash when
     *   it moves to another table (HashAcross, HashInCurrent under the lock): a hash is never used against a table of the
     *   other kind. INVARIANT: under the lock, every DirtyEntry.Hash and every slot hash of _read are hashes of the kind
     *   _read.RandomizedHash says. _dirty is a Dictionary with the comparer KeyComparer.ForCollection gives, so for
     *   strings it runs the runtime's own non-randomized-then-randomized scheme on its own hash and needs no watching;
     *   only the hashes it stores for promotions are ours. The switch to the randomized hash is a promotion
     *   (BuildPromoted hashes every key again, carrying the same entries) and is final (_randomizeHash): it happens
     *   when a probe of a fast read table meets more than HashFloodMonitor.CollisionBound keys of its key's full hash
     *   (an insert's, an update's, a removal's or a lookup's: a lock-free reader then takes _lock to promote, the one
     *   case in which a read of a read-table key takes the lock; it ends with the switch, which happens once per map),
     *   or when a promotion placing keys meets that many, which also catches colliding keys that waited in _dirty; or
     *   when a promotion placing integer keys by their bits puts one more than HashHelpers.IdentityProbeBound slots
     *   from home (DoesNotSpread). So no published fast table holds more than CollisionBound + 1 keys of one full hash,
     *   nor an integer key farther than IdentityProbeBound from home. Every table records the farthest distance any
     *   of its keys lies from home (ReadTable.MaxProbe, fixed before it is published), and no probe goes further.
     * Memory ordering (rules of the .NET memory model, docs/design/specs/Memory-model.md in dotnet/runtime): a read
     *   table's slots and the entries they point to are fully built before Volatile.Write (release) of _read publishes
     *   it; readers Volatile.Read (acquire) _read into a local. An entry is a seqlock: writers take its busy bit by
     *   Interlocked.CompareExchange on the exact word they read (a full fence, so the busy word is visible before any
     *   value store), store the value, and publish the next version with Volatile.Write (release); readers load the
     *   word with Volatile.Read (acquire: the value loads cannot move before it), load the value, call
     *   Volatile.ReadBarrier (the value loads cannot move after it), load the word again, and accept only an unchanged,
     *   non-busy word. _dirty, _misses and the slow-path counters are only touched under _lock, whose acquire and
     *   release order them.
     * Progress: reads of read-table keys obstruction-free, lock-free writes of read-table keys serialised per entry;
     *   new keys and dirty-only keys blocking on _lock (details in the type's remarks).
     * Resizing: there is none in place. A promotion builds a new read table from the old one's non-Deleted entries plus
     *   every dirty entry (no value is copied: slots point to the same entries) and publishes it with one store. It
     *   happens when misses since the last promotion reach the number of entries it must copy (Go's amortization: each
     *   miss pays for one copied entry), when the dirty table outgrows the read table (doubling, so inserts pay O(1)
     *   amortized and at most half the keys wait in the dirty table), when an enumeration starts, and once, to switch
     *   ordinal string keys to the randomized hash (see Hashing).
     * Telemetry: a map built WithMetrics() counts each call inline into its MapTelemetry (_telemetry, set once in the
     *   constructor): once a call returns, the cell of its op and result, on the branch already taken for that result.
     *   The cells are striped plain increments, RACE(benign) as MapTelemetry says; off, the cost is one null test per call.
     * References: Go's sync.Map (read-only map plus locked dirty map, per-entry pointers updated by CAS, the
     *   nil/expunged entry states, promotion after misses); Go's design is reworked here so the dirty table holds only new
     *   keys and the read table is an open-addressed array. Seqlocks (Christoph Lameter, Linux) for in-place, torn-free
     *   values. The runtime's Dictionary<TKey, TValue>:
     *   strings start on a non-randomized hash and move to the randomized one past a collision threshold.
     */

    private readonly KeyComparer<TKey> _keys;
    private readonly IEqualityComparer<TKey>? _dirtyComparer; // seeded or watched: see KeyComparer.ForCollection
    private readonly StripedCounter _count = new();
    private readonly Lock _lock = new();

    // The counter of a map built WithMetrics(): null when metrics are off, or when a bounded map around this one counts
    // its operations. Set once in the constructor. The map has no resizes or timed lock to report.
    private readonly MapTelemetry? _telemetry;
    private readonly MapLabel _label; // the name and hash-flood flag

    // PUBLISHED BY: the constructor, then Volatile.Write under _lock (Promote, AddToDirty, TryRemoveSlow, Clear);
    // READ WITH: Volatile.Read into a local.
    private ReadTable _read;

    // GUARDED BY: _lock. Holds only keys that _read lacks. Every entry in it is Live whenever the lock is free.
    private Dictionary<TKey, DirtyEntry> _dirty;

    // GUARDED BY: _lock. Lookups that had to consult _dirty since the last promotion.
    private int _misses;

    // GUARDED BY: _lock. Set (false to true, once) when a probe of a table on a fast hash met a flood, or a promotion
    // found that the fast hash does not spread its keys: every table built from then on uses the randomized hash, and
    // the lock holder's SlowPath scope switches the read table before it releases the lock. Never set unless
    // KeyComparer.StartsFast.
    private bool _randomizeHash;

    // GUARDED BY: _lock (the internal properties that report them take it too).
    private long _slowPathCount;  // operations that took the lock
    private int _promotionCount;  // promotions of _dirty into a new _read

    /// <summary>Creates an empty map with the default comparer.</summary>
    public ReadMostlyMap()
        : this((IEqualityComparer<TKey>?)null)
    {
    }

    /// <summary>Creates an empty map.</summary>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    public ReadMostlyMap(IEqualityComparer<TKey>? comparer)
        : this(comparer, MapWiring.None)
    {
    }

    /// <summary>A map built by <see cref="MapBuilder{TKey, TValue}"/>: named, and metered when <paramref name="wiring"/> has telemetry.</summary>
    internal ReadMostlyMap(IEqualityComparer<TKey>? comparer, MapWiring wiring)
    {
        _telemetry = wiring.Operations;
        _label = new MapLabel(wiring.Name);
        _keys = new KeyComparer<TKey>(comparer);
        _dirtyComparer = KeyComparer<TKey>.ForCollection(comparer, this, _label);
        _read = NewReadTable(0, randomized: !_keys.StartsFast);
        _dirty = new Dictionary<TKey, DirtyEntry>(_dirtyComparer);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Get: lock-free for a key in the read table (see <see cref="TryGetValue"/>). Set: a CAS on the key's entry, without
    /// the lock, when the key is in the read table (present or removed); otherwise under the lock.
    /// </remarks>
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
            ReadTable table = LoadRead();
            SetCore(key, table, HashIn(table, key), value);
            _telemetry?.Count(MapCount.SetStored);
        }
    }

    /// <inheritdoc/>
    /// <remarks>A sum of striped counters, read without the lock: exact when no write is in flight, otherwise within
    /// the writes in flight.</remarks>
    public int Count => (int)Math.Clamp(_count.Sum(), 0, int.MaxValue);

    /// <inheritdoc/>
    /// <remarks>Whether <see cref="Count"/> is zero: exact when no write is in flight.</remarks>
    public bool IsEmpty => Count == 0;

    /// <summary>Operations that took the lock since the map was created: for tests and diagnostics.</summary>
    internal long SlowPathCount
    {
        get
        {
            using (_lock.EnterScope())
            {
                return _slowPathCount;
            }
        }
    }

    /// <summary>Promotions of the dirty table since the map was created: for tests and diagnostics.</summary>
    internal int PromotionCount
    {
        get
        {
            using (_lock.EnterScope())
            {
                return _promotionCount;
            }
        }
    }

    /// <summary>Keys (live or removed) in the published read table: for tests and diagnostics.</summary>
    internal int ReadTableCount => Volatile.Read(ref _read).Occupied;

    /// <summary>Whether the published read table uses the randomized hash (always, except for ordinal string keys
    /// before a flood): for tests.</summary>
    internal bool HashIsRandomized => Volatile.Read(ref _read).RandomizedHash;

    /// <summary>Test hook: the current read table's <see cref="ReadTable.MaxProbe"/>.</summary>
    internal int ReadTableMaxProbe => Volatile.Read(ref _read).MaxProbe;

    /// <summary>Keys in the dirty table: for tests and diagnostics.</summary>
    internal int DirtyCount
    {
        get
        {
            using (_lock.EnterScope())
            {
                return _dirty.Count;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Lock-free for a key in the read table, and for an absent key while the dirty table is empty: a probe of the
    /// published table and a seqlock read of the entry (obstruction-free; it retries only while a writer of this key is
    /// mid-store). Any other lookup takes the lock and counts a miss towards the next promotion. A string key's probe
    /// that meets a flood on the fast hash also takes the lock, once, to switch the map to the randomized hash.
    /// </remarks>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ReadTable table = LoadRead();
        if (!_keys.InlinesEquality)
        {
            return TryGetValueCounted(table, key, out value); // a comparer call: out of line too
        }

        uint hash = _keys.HashInline(key, !(KeyComparer<TKey>.IsIntegerKey || _keys.StartsOnFastHash) || table.RandomizedHash); // HashIn, inlined
        if (TryGetValueAtHome(table, key, hash, out value))
        {
            _telemetry?.Count(MapCount.GetHit);
            return true;
        }

        return TryGetValueCounted(table, key, hash, out value); // out of line: the hit path above saves no registers
    }

    /// <summary>
    /// The common case in straight-line code: the key in its home slot of <paramref name="table"/>, where
    /// <paramref name="hash"/> is its hash, its entry live with no writer on it. False means only "not answered here".
    /// No loop and no call, so the inlined hit path needs no registers saved.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryGetValueAtHome(ReadTable table, TKey key, uint hash, [MaybeNullWhen(false)] out TValue value)
    {
        // INVARIANT: HomeSlot < Slots.Length (the hash's top log2(length) bits), so no bounds check is needed.
        ref Slot slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table.Slots), HomeSlot(table, hash));
        Entry? entry = slot.Entry;
        if (entry is not null && slot.Hash == hash && _keys.KeysEqualInline(slot.Key, key))
        {
            return entry.TryLoadLive(out value);
        }

        value = default;
        return false;
    }

    /// <summary><see cref="TryGetValue"/> for a value-type key under a user comparer, with its count.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryGetValueCounted(ReadTable table, TKey key, [MaybeNullWhen(false)] out TValue value) =>
        TryGetValueCounted(table, key, HashIn(table, key), out value);

    /// <summary>The rest of <see cref="TryGetValue"/> when the home slot did not answer, with its count.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryGetValueCounted(ReadTable table, TKey key, uint hash, [MaybeNullWhen(false)] out TValue value)
    {
        bool found = TryGetValueIn(table, key, hash, out value);
        _telemetry?.Count(found ? MapCount.GetHit : MapCount.GetMiss);
        return found;
    }

    private bool TryGetValueUncounted(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        ReadTable table = LoadRead();
        return TryGetValueIn(table, key, HashIn(table, key), out value);
    }

    /// <summary>A whole lookup in <paramref name="table"/>, a read table loaded by the caller, by <paramref name="hash"/>.</summary>
    private bool TryGetValueIn(ReadTable table, TKey key, uint hash, [MaybeNullWhen(false)] out TValue value)
    {
        Entry? entry = FindEntry(table, key, hash);
        if (entry is null)
        {
            value = default;
            return false;
        }

        return entry.TryLoad(out value);
    }

    /// <inheritdoc/>
    /// <remarks>As <see cref="TryGetValue"/>.</remarks>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <inheritdoc/>
    /// <remarks>Without the lock when the key is in the read table (a removed key is revived by CAS); a new key takes
    /// the lock and goes to the dirty table.</remarks>
    public bool TryAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ReadTable table = LoadRead();
        if (TryAddCore(key, table, HashIn(table, key), value, out _))
        {
            _telemetry?.Count(MapCount.AddStored);
            return true;
        }

        _telemetry?.Count(MapCount.AddRejected);
        return false;
    }

    /// <inheritdoc/>
    /// <remarks>As <see cref="TryAdd"/>.</remarks>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ReadTable table = LoadRead();
        if (TryAddCore(key, table, HashIn(table, key), value, out TValue? existing))
        {
            if (_telemetry is { } telemetry)
            {
                // Counted as a lookup that missed and an add, as the factory overload counts it.
                telemetry.Count(MapCount.GetMiss);
                telemetry.Count(MapCount.AddStored);
            }

            return value;
        }

        _telemetry?.Count(MapCount.GetHit);
        return existing;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A lookup as <see cref="TryGetValue"/>; on a miss the factory runs outside the lock, then the result is added as
    /// <see cref="TryAdd"/> does. Racing callers may each run the factory; one result is stored and returned to all.
    /// </remarks>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);

        ReadTable table = LoadRead();
        uint hash = HashIn(table, key);
        if (FindEntry(table, key, hash) is Entry entry && entry.TryLoad(out TValue? existing))
        {
            _telemetry?.Count(MapCount.GetHit);
            return existing;
        }

        _telemetry?.Count(MapCount.GetMiss);
        TValue value = valueFactory(key);

        // The factory took its time: add through the table published now, with the key's hash in it.
        ReadTable current = LoadRead();
        TValue result = TryAddCore(key, current, HashAcross(table, current, key, hash), value, out existing) ? value : existing;
        _telemetry?.Count(MapCount.AddStored);
        return result;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The update is a CAS on the key's entry, without the lock, wherever the entry was found; the update factory runs
    /// outside any lock or busy bit and runs again if another write got in first. Adding a new key takes the lock.
    /// </remarks>
    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(updateValueFactory);

        ReadTable table = LoadRead();
        TValue result = AddOrUpdateCore(key, table, HashIn(table, key), addValue, null, updateValueFactory);
        _telemetry?.Count(MapCount.UpdateStored);
        return result;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// As the overload that takes an add value. The add factory runs at most once per call, outside the lock; the update
    /// factory may run more than once.
    /// </remarks>
    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(addValueFactory);

        ArgumentNullException.ThrowIfNull(updateValueFactory);

        ReadTable table = LoadRead();
        TValue result = AddOrUpdateCore(key, table, HashIn(table, key), default!, addValueFactory, updateValueFactory);
        _telemetry?.Count(MapCount.UpdateStored);
        return result;
    }

    /// <inheritdoc/>
    /// <remarks>A CAS on the key's entry, without the lock, when the key is in the read table; its slot is reclaimed at
    /// the next promotion. A key only in the dirty table is removed under the lock.</remarks>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ReadTable table = LoadRead();
        if (TryRemoveCore(key, table, HashIn(table, key), out value))
        {
            _telemetry?.Count(MapCount.RemoveHit);
            return true;
        }

        _telemetry?.Count(MapCount.RemoveMiss);
        return false;
    }

    /// <inheritdoc/>
    /// <remarks>A lookup as <see cref="TryGetValue"/>, then a CAS on the entry that succeeds only if no write came in
    /// between; no lock when the key is in the read table.</remarks>
    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ReadTable table = LoadRead();
        if (TryUpdateCore(key, table, HashIn(table, key), newValue, comparisonValue))
        {
            _telemetry?.Count(MapCount.UpdateStored);
            return true;
        }

        _telemetry?.Count(MapCount.UpdateMiss);
        return false;
    }


    /// <inheritdoc/>
    /// <remarks>
    /// Weakly consistent: it never throws, yields each key at most once, and yields every key that is neither added nor
    /// removed while it runs exactly once. If the dirty table holds keys, starting an enumeration promotes it first
    /// (under the lock, a copy of both tables); the walk itself takes no lock and allocates only the enumerator and its
    /// walk (two small objects). The promotion and the walk start at the first <c>MoveNext</c>, and again after
    /// <c>Reset</c>.
    /// </remarks>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() =>
        new MapEnumerator<ReadMostlyMap<TKey, TValue>, TKey, TValue>(this, static map => Enumerate(map.PromoteForEnumeration()));

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The published read table, for a lock-free probe.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadTable LoadRead() =>
        // ORDER: Volatile.Read (acquire); pairs with the Volatile.Write (release) that published the table after its
        // slots and the entries they point to were built.
        Volatile.Read(ref _read);

    /// <summary>
    /// The entry for <paramref name="key"/>: from <paramref name="table"/>, a published read table, without a lock, or,
    /// when that table lacks the key and the dirty table may have it, from the current tables under the lock (counting
    /// a miss). <paramref name="hash"/> is the key's hash in <paramref name="table"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Entry? FindEntry(ReadTable table, TKey key, uint hash)
    {
        Entry? entry = Find(table, key, hash);
        if (entry is not null)
        {
            return entry;
        }

        if (!table.Amended)
        {
            return null; // LINEARIZATION POINT (absent): the Volatile.Read that loaded the table; _dirty was empty then
        }

        return LookupSlow(key, table, hash);
    }

    private static IEnumerator<KeyValuePair<TKey, TValue>> Enumerate(ReadTable table)
    {
        Slot[] slots = table.Slots;
        for (int i = 0; i < slots.Length; i++)
        {
            TKey key = slots[i].Key;
            Entry? entry = slots[i].Entry;
            if (entry is not null && entry.TryLoad(out TValue? value))
            {
                yield return new KeyValuePair<TKey, TValue>(key, value);
            }
        }
    }
}
