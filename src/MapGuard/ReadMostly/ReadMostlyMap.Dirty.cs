using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using static MapGuard.ReadMostly.EntryMeta;

using MapGuard.Internal;

namespace MapGuard;

public sealed partial class ReadMostlyMap<TKey, TValue>
{
    /// <summary>
    /// A dirty-table value: the entry, and the key's hash code so a promotion never calls the comparer. The hash is the
    /// key's hash in the current read table (fast or randomized, <see cref="HashIn"/>): the only promotion that changes
    /// the hash (<see cref="RandomizeHash"/>) hashes every key again and empties the dirty table.
    /// </summary>
    private readonly struct DirtyEntry
    {
        public readonly Entry Entry;
        public readonly uint Hash;

        public DirtyEntry(Entry entry, uint hash)
        {
            Entry = entry;
            Hash = hash;
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Takes the lock, marks every entry of both tables dead (each key vanishes at its own instant), then publishes an
    /// empty read table. Not atomic with respect to lock-free readers: one running alongside can see some keys already
    /// gone and others not yet. A write racing it lands either before (and is cleared) or after (and survives).
    /// </remarks>
    public void Clear()
    {
        using (EnterSlowPath())
        {
            Slot[] slots = _read.Slots;
            for (int i = 0; i < slots.Length; i++)
            {
                if (slots[i].Entry is Entry entry)
                {
                    Expunge(entry);
                }
            }

            foreach (DirtyEntry dirty in _dirty.Values)
            {
                Expunge(dirty.Entry);
            }

            _dirty = new Dictionary<TKey, DirtyEntry>(_dirtyComparer);
            _misses = 0;

            // ORDER: Volatile.Write (release); pairs with LoadRead's Volatile.Read (acquire). Every entry of the old tables is already Expunged, so a
            // thread still holding one reports its key absent, or, to write it, looks again under the lock. A map
            // that switched to the randomized hash stays on it.
            Volatile.Write(ref _read, NewReadTable(0, BuildsRandomized));
        }
    }

    /// <summary>Takes the lock and counts the slow path (see <see cref="SlowPathCount"/>).</summary>
    private SlowPathScope EnterSlowPath()
    {
        var scope = new SlowPathScope(this);
        _slowPathCount++;
        return scope;
    }

    /// <summary>
    /// The map's lock, held for one slow-path operation. Before it releases the lock it carries out a switch to the
    /// randomized hash that a probe asked for while the lock was held (<see cref="RandomizeHash"/>), so the operation
    /// itself finishes on the tables it started with.
    /// </summary>
    private ref struct SlowPathScope
    {
        private readonly ReadMostlyMap<TKey, TValue> _map;
        private Lock.Scope _scope;

        public SlowPathScope(ReadMostlyMap<TKey, TValue> map)
        {
            _map = map;
            _scope = map._lock.EnterScope();
        }

        public void Dispose()
        {
            try
            {
                if (_map._keys.StartsFast && _map._randomizeHash && !_map._read.RandomizedHash)
                {
                    _map.Promote(); // builds the randomized table
                }
            }
            finally
            {
                _scope.Dispose();
            }
        }
    }

    /// <summary>Under the lock: whether a table built now uses the randomized hash. Once one does, every later one does.</summary>
    private bool BuildsRandomized => !_keys.StartsFast || _randomizeHash;

    /// <summary>
    /// Under the lock: the hash of <paramref name="key"/> in the current read table, given its <paramref name="hash"/>
    /// in <paramref name="table"/>, a read table published earlier (which may have been on the other hash).
    /// </summary>
    private uint HashInCurrent(ReadTable table, TKey key, uint hash)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        return HashAcross(table, _read, key, hash);
    }

    /// <summary>
    /// A probe of a read table on a fast hash met more than <see cref="HashFloodMonitor.CollisionBound"/> keys of its
    /// key's full hash: an attack on that hash. Makes every later table use the randomized hash and
    /// replaces the read table with one that does, by a promotion (<see cref="Promote"/>) that carries the same entries.
    /// A lock-free lookup takes the lock to do it: the one case in which a read of a read-table key takes the lock. It
    /// ends with the switch, which is final and happens once per map: a probe of an older table that meets the flood
    /// afterwards sees the switch made and returns, and readers that met it together each take the lock once, the
    /// first switching. A probe made under the lock only records the request; its <see cref="SlowPathScope"/> switches
    /// when the operation is done.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RandomizeHash()
    {
        if (_lock.IsHeldByCurrentThread)
        {
            _randomizeHash = true;
            return;
        }

        if (LoadRead().RandomizedHash)
        {
            return; // another thread switched already; this probe ran on a table loaded before that
        }

        using (EnterSlowPath())
        {
            _randomizeHash = true; // the scope's Dispose promotes, unless a thread switched while this one waited
        }
    }

    /// <summary>The lookup a lock-free probe could not finish: the current tables, under the lock, counting a miss.</summary>
    /// <param name="key">The key.</param>
    /// <param name="table">The read table the lock-free probe used.</param>
    /// <param name="hash">The key's hash in <paramref name="table"/>.</param>
    private Entry? LookupSlow(TKey key, ReadTable table, uint hash)
    {
        using (EnterSlowPath())
        {
            Entry? entry = FindLocked(key, HashInCurrent(table, key, hash), out bool missedRead);
            if (missedRead)
            {
                RecordMiss();
            }

            return entry;
        }
    }

    /// <summary>
    /// Under the lock: the key's entry in the current read table, else in the dirty table, else null.
    /// <paramref name="hash"/> is the key's hash in the current read table (<see cref="HashInCurrent"/>).
    /// <paramref name="missedRead"/> says the read table lacked the key and the dirty table had to be consulted.
    /// </summary>
    private Entry? FindLocked(TKey key, uint hash, out bool missedRead)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);

        // _read is only written under the lock, so a plain read here sees the latest table.
        Entry? entry = Find(_read, key, hash);
        if (entry is not null)
        {
            // INVARIANT: only lock holders expunge, and they finish before releasing it.
            Debug.Assert(entry.PeekState != Expunged, "expunged entry in the current read table");
            missedRead = false;
            return entry;
        }

        missedRead = _dirty.Count > 0;
        return missedRead && _dirty.TryGetValue(key, out DirtyEntry dirty) ? dirty.Entry : null;
    }

    /// <summary>
    /// Takes the lock: the key's current entry, or a new one holding <paramref name="value"/>. <paramref name="hash"/> is
    /// the key's hash in <paramref name="table"/>, a read table published earlier.
    /// </summary>
    private Entry AddOrFindLocked(TKey key, ReadTable table, uint hash, TValue value, out bool added)
    {
        using (EnterSlowPath())
        {
            hash = HashInCurrent(table, key, hash);
            Entry? entry = FindLocked(key, hash, out bool missedRead);
            if (entry is null)
            {
                added = true;
                return AddToDirty(key, hash, value);
            }

            if (missedRead)
            {
                RecordMiss();
            }

            added = false;
            return entry;
        }
    }

    /// <summary>
    /// Under the lock, for a key in neither table: adds it to the dirty table. <paramref name="hash"/> is the key's hash
    /// in the current read table.
    /// </summary>
    private Entry AddToDirty(TKey key, uint hash, TValue value)
    {
        // INVARIANT: a dirty entry's hash is its key's hash in the current read table, which a promotion places it by.
        Debug.Assert(hash == HashIn(_read, key), "dirty hash computed for another read table");
        var entry = new Entry(value);

        // A throwing comparer throws here, before anything has changed.
        _dirty.Add(key, new DirtyEntry(entry, hash));
        ReadTable table = _read;
        if (!table.Amended)
        {
            // ORDER: Volatile.Write (release), after the Add to _dirty; pairs with LoadRead's Volatile.Read (acquire). Lock-free lookups that still see the unamended table
            // report the key absent, so they must come before the add: LINEARIZATION POINT of the add (when the table
            // was already amended, the Add above is, since every lookup of a dirty key takes the lock).
            Volatile.Write(ref _read, table.WithAmended(true));
        }

        _count.Add(1);

        // Promote when the dirty table outgrows the read table: the copy is then at most twice the keys added since the
        // last promotion, so inserts pay O(1) amortized, and at most half the keys ever wait behind the lock.
        if (_dirty.Count > table.Occupied)
        {
            Promote();
        }

        return entry;
    }

    /// <summary>
    /// Under the lock: the removal of a key the lock-free path could not settle. <paramref name="hash"/> is the key's hash
    /// in <paramref name="table"/>, the read table that path probed.
    /// </summary>
    private bool TryRemoveSlow(TKey key, ReadTable table, uint hash, [MaybeNullWhen(false)] out TValue value, bool matchValue = false, TValue? comparisonValue = default)
    {
        using (EnterSlowPath())
        {
            Entry? entry = Find(_read, key, HashInCurrent(table, key, hash));
            EntryOutcome outcome;
            if (entry is not null)
            {
                outcome = TryRemoveFromEntry(entry, Deleted, out value, matchValue, comparisonValue);
                Debug.Assert(outcome != EntryOutcome.Expunged, "expunged entry in the current read table");
                return outcome == EntryOutcome.Changed;
            }

            // A conditional remove leaves the entry where it is unless its value matches. The value can still change
            // (a lock-free writer holding the entry), so the check is the take itself, repeated below after the unlink;
            // this first check only keeps a mismatch from unlinking.
            if (matchValue &&
                (!_dirty.TryGetValue(key, out DirtyEntry candidate) ||
                 !candidate.Entry.TryLoad(out TValue? seen) ||
                 !EqualityComparer<TValue>.Default.Equals(seen, comparisonValue)))
            {
                value = default;
                return false;
            }

            // Unlink first (a throwing comparer then changes nothing), then expunge: a thread that still holds the entry
            // from an earlier lookup (AddOrUpdate) sees Expunged and looks again, instead of writing to a dead entry.
            if (!_dirty.Remove(key, out DirtyEntry dirty))
            {
                if (_dirty.Count > 0)
                {
                    RecordMiss();
                }

                value = default;
                return false;
            }

            outcome = TryRemoveFromEntry(dirty.Entry, Expunged, out value, matchValue, comparisonValue);
            if (outcome == EntryOutcome.Unchanged && matchValue)
            {
                // A lock-free writer changed the value after the check above: put the live entry back. Lookups of
                // dirty keys take the lock, so none saw it missing.
                _dirty.Add(key, dirty);
                value = default;
                return false;
            }

            // INVARIANT: dirty entries are Live under the lock (only lock holders remove them).
            Debug.Assert(outcome == EntryOutcome.Changed, "dirty entry was not live");
            if (_dirty.Count == 0)
            {
                // ORDER: Volatile.Write (release); pairs with LoadRead's Volatile.Read (acquire). The dirty table is empty again, so misses on the
                // read table are final once more and need no lock.
                Volatile.Write(ref _read, _read.WithAmended(false));
                _misses = 0;
            }
            else
            {
                RecordMiss();
            }

            return true;
        }
    }

    /// <summary>Under the lock: counts a lookup that missed the read table, and promotes once misses pay for it.</summary>
    private void RecordMiss()
    {
        // A promotion copies every entry of both tables. Waiting for that many misses makes each miss pay for one copied
        // entry: Go's rule (misses >= len(dirty)), where Go's dirty map also holds every key of its read map.
        if (++_misses >= _read.Occupied + _dirty.Count && _dirty.Count > 0)
        {
            Promote();
        }
    }

    /// <summary>Promotes the dirty table first if it holds keys, so the returned table holds every key.</summary>
    private ReadTable PromoteForEnumeration()
    {
        // ORDER: Volatile.Read (acquire); pairs with the Volatile.Write (release) that published the table, after its slots.
        ReadTable table = Volatile.Read(ref _read);
        if (!table.Amended)
        {
            return table;
        }

        using (EnterSlowPath())
        {
            if (_read.Amended)
            {
                Promote();
            }

            return _read;
        }
    }

    /// <summary>
    /// Under the lock: builds a read table from the current one's live entries and every dirty entry, and publishes
    /// it. Removed (Deleted) entries are expunged and dropped, which is how removed keys' slots are reclaimed. The new
    /// table uses the randomized hash once the map has switched (<see cref="BuildsRandomized"/>), and switches the map
    /// itself when the fast hash does not spread the keys it places (<see cref="DoesNotSpread"/>): so no published table
    /// holds more than one over that bound of one fast hash, nor an integer key farther from home than
    /// <see cref="HashHelpers.IdentityProbeBound"/>.
    /// </summary>
    private void Promote()
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        ReadTable source = _read;
        Slot[] slots = source.Slots;
        int kept = 0;
        for (int i = 0; i < slots.Length; i++)
        {
            if (slots[i].Entry is Entry entry && !TryExpungeRemoved(entry))
            {
                kept++;
            }
        }

        // Only this thread can expunge now, so the entries not expunged above are exactly the ones to keep, whatever
        // lock-free writers do to them meanwhile (they can remove or revive them, but not expunge them).
        ReadTable? promoted = BuildPromoted(source, kept + _dirty.Count, BuildsRandomized);
        if (promoted is null)
        {
            // The fast hash does not spread these keys (DoesNotSpread): an attack, or integers too scattered to place by
            // their bits. Switch in this promotion.
            _randomizeHash = true;
            promoted = BuildPromoted(source, kept + _dirty.Count, randomized: true)!;
        }

        // ORDER: Volatile.Write (release): the slots are written before a reader's Volatile.Read (acquire) in LoadRead can
        // return the table.
        Volatile.Write(ref _read, promoted);
        _dirty = new Dictionary<TKey, DirtyEntry>(_dirtyComparer);
        _misses = 0;
        _promotionCount++;
    }

    /// <summary>
    /// Under the lock: a new, unpublished read table holding the entries of <paramref name="source"/> (the current one)
    /// that are not Expunged, and every dirty entry: the same entry objects, so no value is copied. A table on the
    /// randomized hash built from one on the fast hash hashes every key again, since the slots and the dirty entries hold
    /// fast hashes. A table on a fast hash is abandoned (null) as soon as it shows that the hash does not spread its
    /// keys (<see cref="DoesNotSpread"/>).
    /// </summary>
    private ReadTable? BuildPromoted(ReadTable source, int entries, bool randomized)
    {
        // INVARIANT: the switch to the randomized hash is final.
        Debug.Assert(randomized || !source.RandomizedHash, "a table on the fast hash built after the switch");
        ReadTable promoted = NewReadTable(entries, randomized);
        bool rehash = _keys.StartsFast && randomized && !source.RandomizedHash;
        bool watch = _keys.StartsFast && !randomized;
        Slot[] slots = source.Slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (slots[i].Entry is Entry entry && entry.PeekState != Expunged)
            {
                TKey key = slots[i].Key;
                int sameHash = promoted.Place(key, rehash ? HashIn(promoted, key) : slots[i].Hash, entry);
                if (watch && DoesNotSpread(promoted, sameHash))
                {
                    return null;
                }
            }
        }

        foreach (KeyValuePair<TKey, DirtyEntry> pair in _dirty)
        {
            int sameHash = promoted.Place(pair.Key, rehash ? HashIn(promoted, pair.Key) : pair.Value.Hash, pair.Value.Entry);
            if (watch && DoesNotSpread(promoted, sameHash))
            {
                return null;
            }
        }

        return promoted;
    }

    /// <summary>
    /// Whether a table on a fast hash, being built, has just shown that the hash does not spread its keys: the key placed
    /// passed <paramref name="sameHash"/> keys of its full hash, more than <see cref="HashFloodMonitor.CollisionBound"/>
    /// allows chance; or, in a table placed by integer keys' own bits, it lies more than
    /// <see cref="HashHelpers.IdentityProbeBound"/> slots from home (keys sharing low bits, or too few consecutive ones
    /// to fill runs: random integers in a large table too). The promotion then builds on the seeded hash, for good.
    /// </summary>
    private static bool DoesNotSpread(ReadTable promoted, int sameHash) =>
        sameHash > HashFloodMonitor.CollisionBound || (promoted.IsIdentityPlaced && promoted.MaxProbe > HashHelpers.IdentityProbeBound);

    /// <summary>Expunges <paramref name="entry"/> if it is Deleted. True when it is (now) Expunged, false when Live.</summary>
    private static bool TryExpungeRemoved(Entry entry)
    {
        while (true)
        {
            long meta = entry.ReadMeta();
            switch (State(meta))
            {
                case Live:
                    return false;
                case Deleted:
                    // ORDER: Interlocked.CompareExchange on the exact word (full fence, atomic): a lock-free revival of this entry and
                    // this expunge cannot both succeed.
                    if (entry.TryCommit(meta, default!, Expunged))
                    {
                        return true;
                    }

                    break;
                default:
                    return true;
            }
        }
    }

    /// <summary>Clear's removal of one entry: whatever its state, it ends Expunged.</summary>
    private void Expunge(Entry entry)
    {
        while (true)
        {
            long meta = entry.ReadMeta();
            int state = State(meta);
            if (state == Expunged)
            {
                return;
            }

            // LINEARIZATION POINT of this key's removal by Clear.
            if (entry.TryTake(meta, Expunged, out _))
            {
                if (state == Live)
                {
                    _count.Add(-1);
                }

                return;
            }
        }
    }
}
