using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using static MapGuard.ReadMostly.EntryMeta;

namespace MapGuard;

public sealed partial class ReadMostlyMap<TKey, TValue>
{
    /// <summary>What a write on one entry did.</summary>
    private enum EntryOutcome
    {
        /// <summary>The write took effect (stored, added, revived or removed).</summary>
        Changed,

        /// <summary>The entry's state made the write a no-op (already present for an add, already absent for a remove).</summary>
        Unchanged,

        /// <summary>The entry is dead for good; the key must be looked up again under the lock.</summary>
        Expunged,
    }

    // Each core takes a published read table and the key's hash in it (HashIn). Its lock-free part probes that table;
    // its locked part converts the hash to the current read table's (HashInCurrent), which may use the other hash.
    private void SetCore(TKey key, ReadTable table, uint hash, TValue value)
    {
        Entry? entry = Find(table, key, hash);
        if (entry is not null && TryStore(entry, value) != EntryOutcome.Expunged)
        {
            return;
        }

        using (EnterSlowPath())
        {
            hash = HashInCurrent(table, key, hash);
            entry = FindLocked(key, hash, out bool missedRead);
            if (entry is null)
            {
                AddToDirty(key, hash, value);
                return;
            }

            if (missedRead)
            {
                RecordMiss();
            }

            EntryOutcome outcome = TryStore(entry, value);

            // INVARIANT: under the lock, no entry of the current tables is Expunged.
            Debug.Assert(outcome != EntryOutcome.Expunged, "expunged entry in a current table");
        }
    }

    private bool TryAddCore(TKey key, ReadTable table, uint hash, TValue value, [MaybeNullWhen(true)] out TValue existing)
    {
        Entry? entry = Find(table, key, hash);
        if (entry is not null)
        {
            EntryOutcome outcome = TryAddToEntry(entry, value, out existing);
            if (outcome != EntryOutcome.Expunged)
            {
                return outcome == EntryOutcome.Changed;
            }
        }

        // The key is new, or only in the dirty table, or its entry was expunged by a promotion: all need the lock, and
        // under it the current read table is searched again, so a key promoted meanwhile is not added twice.
        using (EnterSlowPath())
        {
            hash = HashInCurrent(table, key, hash);
            entry = FindLocked(key, hash, out bool missedRead);
            if (entry is null)
            {
                AddToDirty(key, hash, value);
                existing = default;
                return true;
            }

            if (missedRead)
            {
                RecordMiss();
            }

            EntryOutcome outcome = TryAddToEntry(entry, value, out existing);

            // INVARIANT: under the lock, no entry of the current tables is Expunged.
            Debug.Assert(outcome != EntryOutcome.Expunged, "expunged entry in a current table");
            return outcome == EntryOutcome.Changed;
        }
    }

    // matchValue: remove only if the value equals comparisonValue, for TryRemove(KeyValuePair).
    private bool TryRemoveCore(TKey key, ReadTable table, uint hash, [MaybeNullWhen(false)] out TValue value, bool matchValue = false, TValue? comparisonValue = default)
    {
        Entry? entry = Find(table, key, hash);
        if (entry is not null)
        {
            EntryOutcome outcome = TryRemoveFromEntry(entry, Deleted, out value, matchValue, comparisonValue);
            if (outcome != EntryOutcome.Expunged)
            {
                return outcome == EntryOutcome.Changed;
            }
        }
        else if (!table.Amended)
        {
            value = default;
            return false; // LINEARIZATION POINT (absent): the Volatile.Read that loaded the table
        }

        return TryRemoveSlow(key, table, hash, out value, matchValue, comparisonValue);
    }

    private bool TryUpdateCore(TKey key, ReadTable table, uint hash, TValue newValue, TValue comparisonValue)
    {
        Entry? entry = FindEntry(table, key, hash);
        if (entry is null)
        {
            return false;
        }

        while (true)
        {
            long meta = entry.ReadMeta();
            if (State(meta) != Live)
            {
                return false; // LINEARIZATION POINT (absent): Deleted, or Expunged (absent at some instant of this call)
            }

            if (!entry.TryReadValue(meta, out TValue current))
            {
                continue;
            }

            if (!EqualityComparer<TValue>.Default.Equals(current, comparisonValue))
            {
                return false; // LINEARIZATION POINT (mismatch): the ReadMeta above, validated by TryReadValue
            }

            if (entry.TryCommit(meta, newValue, Live))
            {
                return true;
            }
        }
    }

    private TValue AddOrUpdateCore(TKey key, ReadTable table, uint hash, TValue addValue, Func<TKey, TValue>? addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        Entry? entry = FindEntry(table, key, hash);
        bool haveAdded = false;
        TValue added = default!;
        while (true)
        {
            if (entry is null)
            {
                // The factory runs before anything is touched, and outside the lock, so a throwing factory changes nothing.
                if (!haveAdded)
                {
                    added = addValueFactory is null ? addValue : addValueFactory(key);
                    haveAdded = true;
                }

                entry = AddOrFindLocked(key, table, hash, added, out bool wasAdded);
                if (wasAdded)
                {
                    return added;
                }

                continue; // another caller added the key first: update what it stored
            }

            long meta = entry.ReadMeta();
            switch (State(meta))
            {
                case Live:
                    // Validate before calling user code, so the factory never sees a half-written value.
                    if (!entry.TryReadValue(meta, out TValue current))
                    {
                        continue;
                    }

                    TValue updated = updateValueFactory(key, current);
                    if (entry.TryCommit(meta, updated, Live))
                    {
                        return updated;
                    }

                    continue;
                case Deleted:
                    if (!haveAdded)
                    {
                        added = addValueFactory is null ? addValue : addValueFactory(key);
                        haveAdded = true;
                    }

                    if (entry.TryCommit(meta, added, Live))
                    {
                        _count.Add(1);
                        return added;
                    }

                    continue;
                default:
                    // Expunged: the key has left this entry's tables. Find its current entry, if any, under the lock.
                    entry = LookupSlow(key, table, hash);
                    continue;
            }
        }
    }

    /// <summary>Stores <paramref name="value"/> in a present or removed entry (reviving it); Expunged when it is dead.</summary>
    private EntryOutcome TryStore(Entry entry, TValue value)
    {
        while (true)
        {
            long meta = entry.ReadMeta();
            int state = State(meta);
            if (state == Expunged)
            {
                return EntryOutcome.Expunged;
            }

            if (entry.TryCommit(meta, value, Live))
            {
                if (state == Deleted)
                {
                    _count.Add(1);
                }

                return EntryOutcome.Changed;
            }
        }
    }

    /// <summary>Revives a removed entry with <paramref name="value"/>, or reads the value of a present one.</summary>
    private EntryOutcome TryAddToEntry(Entry entry, TValue value, out TValue existing)
    {
        while (true)
        {
            long meta = entry.ReadMeta();
            switch (State(meta))
            {
                case Live:
                    if (entry.TryReadValue(meta, out existing))
                    {
                        return EntryOutcome.Unchanged; // LINEARIZATION POINT (present): the ReadMeta above
                    }

                    break;
                case Deleted:
                    if (entry.TryCommit(meta, value, Live))
                    {
                        _count.Add(1);
                        existing = default!;
                        return EntryOutcome.Changed;
                    }

                    break;
                default:
                    existing = default!;
                    return EntryOutcome.Expunged;
            }
        }
    }

    /// <summary>
    /// Removes a present entry, leaving it <paramref name="removedState"/>: Deleted when it stays in the read table,
    /// Expunged when the caller unlinks it from the dirty table.
    /// </summary>
    private EntryOutcome TryRemoveFromEntry(Entry entry, int removedState, out TValue value, bool matchValue = false, TValue? comparisonValue = default)
    {
        while (true)
        {
            long meta = entry.ReadMeta();
            switch (State(meta))
            {
                case Live:
                    if (matchValue)
                    {
                        // As TryUpdateCore: compare a validated value; TryTake fails if a write came in after it.
                        if (!entry.TryReadValue(meta, out TValue current))
                        {
                            break;
                        }

                        if (!EqualityComparer<TValue>.Default.Equals(current, comparisonValue))
                        {
                            value = default!;
                            return EntryOutcome.Unchanged; // LINEARIZATION POINT (mismatch): the ReadMeta above
                        }
                    }

                    if (entry.TryTake(meta, removedState, out value))
                    {
                        _count.Add(-1);
                        return EntryOutcome.Changed;
                    }

                    break;
                case Deleted:
                    value = default!;
                    return EntryOutcome.Unchanged; // LINEARIZATION POINT (absent): the ReadMeta above
                default:
                    value = default!;
                    return EntryOutcome.Expunged;
            }
        }
    }
}
