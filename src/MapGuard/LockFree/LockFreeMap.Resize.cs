using System.Diagnostics;
using static MapGuard.LockFree.SlotMeta;

using MapGuard.Internal;

namespace MapGuard;

public sealed partial class LockFreeMap<TKey, TValue>
{
    /// <inheritdoc/>
    /// <remarks>
    /// Installs an empty table and migrates every slot of the current one into nothing, so the calling thread does work
    /// in proportion to the table. Not atomic: see the type's remarks. Writers racing with it land in the new table,
    /// which is sized so that they never wait for the drop to finish (see <see cref="ClearedCapacity"/>).
    /// </remarks>
    public void Clear()
    {
        while (true)
        {
            Table table = Volatile.Read(ref _table);
            if (Volatile.Read(ref table.Next) is null)
            {
                // Nothing of the old table is copied in, so all of the new table's room is for new keys.
                int capacity = ClearedCapacity(table);
                var cleared = NewTable(capacity, dropsPredecessor: true, directLimit: Table.ThresholdFor(capacity), RandomizedFrom(table));
                if (Interlocked.CompareExchange(ref table.Next, cleared, null) is null)
                {
                    FinishCopy(table);
                    return;
                }
            }

            FinishCopy(table); // a resize was already running: finish it, then clear the table it produced
        }
    }

    /// <summary>
    /// The size of the table <see cref="Clear"/> installs in place of <paramref name="table"/>: room for at least one
    /// new key per <see cref="CopyChunk"/> of the old table. Every write that finds the drop running drops one chunk
    /// before it claims a slot, so by the time writers have spent the new table's direct room, every chunk has been
    /// claimed, and a writer past it finishes at most the chunks still in flight.
    /// </summary>
    private static int ClearedCapacity(Table table) => Table.CapacityFor(table.ChunksDone.Length);

    /// <summary>
    /// Starts a resize of <paramref name="table"/> if it is the current table and none is running. False only when
    /// <paramref name="table"/> is current, due to grow and already at the size limit: no resize was started.
    /// </summary>
    /// <param name="table">The table that crossed its threshold or holds a slot at its last version.</param>
    /// <param name="retiring">True when a slot has used its last version: resize even below the threshold.</param>
    private bool StartResize(Table table, bool retiring = false)
    {
        if (!ReferenceEquals(table, Volatile.Read(ref _table)) ||
            Volatile.Read(ref table.Next) is not null ||
            Volatile.Read(ref table.ResizeClaimed) != 0)
        {
            return true;
        }

        // Double when more than two thirds of the threshold's worth of slots hold live keys (half the table, for a
        // large one); otherwise a same-size copy reclaims the dead keys' claims. Below that bound a copy frees at least
        // a third of the claims, so copies stay amortized O(1) per new key, and a map whose keys churn keeps the
        // smallest table that holds its live keys (docs/design/lock-free-map.md, Resizing, has the measurement). At the
        // size limit a same-size copy still runs when it frees an eighth of the table, or when a slot must be retired;
        // otherwise the table fills past its threshold.
        int capacity = table.Slots.Length;
        long live = _count.Sum();
        int newCapacity = live * 3 > (long)table.Threshold * 2 ? capacity * 2 : capacity;
        if (newCapacity > _maxCapacity)
        {
            if (!retiring && Volatile.Read(ref table.Claimed) - live < capacity / 8)
            {
                return false; // decided before claiming: a refused resize leaves the table able to resize later
            }

            newCapacity = capacity;
        }

        if (Interlocked.CompareExchange(ref table.ResizeClaimed, 1, 0) != 0)
        {
            return true;
        }

        // Room for new keys while the copy runs. Growing: the old table's entries need at most its length in slots, so
        // the rest is free. Same size: the entries to copy are at most the claimed slots, and an eighth of the table
        // is kept for claims that race into the old table after the resize starts. A one-chunk table is copied whole by
        // the first writer that needs room, so it gets none.
        int directLimit = capacity <= CopyChunk ? 0
            : newCapacity > capacity ? newCapacity - capacity - 1
            : Math.Max(0, capacity - Math.Min(capacity, Volatile.Read(ref table.Claimed)) - (capacity / 8));

        Table next;
        try
        {
            next = NewTable(newCapacity, dropsPredecessor: false, directLimit, RandomizedFrom(table));
        }
        catch (OutOfMemoryException)
        {
            Volatile.Write(ref table.ResizeClaimed, 0); // release the claim, so a later write can try again
            throw;
        }

        // ORDER: CAS publishes Next before any slot of this table can be sealed or moved (INVARIANT used by readers).
        table.ResizeStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref table.Next, next, null);
        HelpCopy(table);
        return true;
    }

    /// <summary>Whether the table that replaces <paramref name="table"/> uses the randomized hash: once one does, all do.</summary>
    private bool RandomizedFrom(Table table) => table.RandomizedHash || Volatile.Read(ref _randomizeHash);

    /// <summary>
    /// A slot of <paramref name="table"/> has used its last version: make sure a resize of the table runs, so the
    /// writer's retry moves its key to a fresh slot in the next table.
    /// </summary>
    private void RetireSlot(Table table)
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref table.Next) is null)
        {
            Table current = Volatile.Read(ref _table);
            if (ReferenceEquals(current, table))
            {
                StartResize(table, retiring: true);
                spinner.SpinOnce(); // Next is set, or the thread that claimed the resize is allocating it
                continue;
            }

            if (!ReferenceEquals(Volatile.Read(ref current.Next), table))
            {
                return; // the table has been replaced; the writer's retry finds its key's current slot
            }

            FinishCopy(current); // the table is still being filled from its predecessor: promote it first
        }
    }

    /// <summary>Copies one chunk of <paramref name="table"/> into its Next; promotes Next when the copy is complete.</summary>
    private void HelpCopy(Table table)
    {
        int length = table.Slots.Length;
        Table? next = Volatile.Read(ref table.Next);
        if (next is null || Volatile.Read(ref table.CopyCursor) >= length)
        {
            return;
        }

        int start = Interlocked.Add(ref table.CopyCursor, CopyChunk) - CopyChunk;
        if (start < length)
        {
            CopyChunkOf(table, next, start / CopyChunk);
        }
    }

    /// <summary>
    /// Migrates every slot of chunk <paramref name="chunk"/> that is not yet Moved or Sealed, marks the chunk done, and
    /// promotes <paramref name="next"/> if that was the last chunk. Safe to run on a chunk another thread is copying:
    /// <see cref="Migrate"/> is idempotent, and only the thread that flags the chunk counts it.
    /// </summary>
    private void CopyChunkOf(Table table, Table next, int chunk)
    {
        int start = chunk * CopyChunk;
        int end = Math.Min(start + CopyChunk, table.Slots.Length);
        for (int i = start; i < end; i++)
        {
            Migrate(table, next, ref table.Slots[i]);
        }

        // ORDER: CAS (full fence) after every slot of the chunk was seen Moved or Sealed.
        if (Interlocked.CompareExchange(ref table.ChunksDone[chunk], 1, 0) == 0 &&
            Interlocked.Add(ref table.Copied, end - start) == table.Slots.Length)
        {
            Promote(table, next);
        }
    }

    /// <summary>Publishes <paramref name="next"/> as the current table; every slot of <paramref name="table"/> is Moved or Sealed.</summary>
    private void Promote(Table table, Table next)
    {
        // ORDER: CAS publishes the new table to writers; every slot of the old one is Moved or Sealed already.
        if (ReferenceEquals(Interlocked.CompareExchange(ref _table, next, table), table) && table.ResizeStarted != 0)
        {
            _events?.RecordResize(System.Diagnostics.Stopwatch.GetElapsedTime(table.ResizeStarted));
        }
    }

    /// <summary>
    /// Returns once <paramref name="table"/> has been replaced as the current table. Claims the chunks nobody has
    /// claimed, then migrates the slots of chunks other threads claimed but have not finished, rather than waiting
    /// for those threads, and promotes the next table itself. It waits only for a slot whose busy bit another thread
    /// holds (that slot's writer or copier, between its CAS and its publishing store).
    /// </summary>
    private void FinishCopy(Table table)
    {
        Table? next = Volatile.Read(ref table.Next);
        if (next is null)
        {
            return;
        }

        while (ReferenceEquals(Volatile.Read(ref _table), table) && Volatile.Read(ref table.CopyCursor) < table.Slots.Length)
        {
            HelpCopy(table);
        }

        int[] chunksDone = table.ChunksDone;
        for (int chunk = 0; chunk < chunksDone.Length && ReferenceEquals(Volatile.Read(ref _table), table); chunk++)
        {
            if (Volatile.Read(ref chunksDone[chunk]) == 0)
            {
                CopyChunkOf(table, next, chunk);
            }
        }

        // Every chunk is flagged now, by this thread or another; a flagging thread may not have counted its chunk yet.
        Promote(table, next);
    }

    /// <summary>Returns a current table with no resize running, finishing one if needed.</summary>
    private Table FinishPendingResize()
    {
        while (true)
        {
            Table table = Volatile.Read(ref _table);
            if (Volatile.Read(ref table.Next) is null)
            {
                return table;
            }

            FinishCopy(table);
        }
    }

    /// <summary>
    /// Makes sure the old table can no longer hold <paramref name="key"/>: migrates its slot, or seals the empty slot
    /// that ends its probe chain so no inserter can claim a slot for it there.
    /// </summary>
    private void EnsureMigrated(Table table, Table next, TKey key, uint hash)
    {
        Slot[] slots = table.Slots;
        int mask = slots.Length - 1;
        int index = HomeSlot(table, hash);
        var spinner = default(SpinWait);
        for (int probes = 0; probes < slots.Length;)
        {
            ref Slot slot = ref slots[index];
            long meta = Volatile.Read(ref slot.Meta);
            if (meta == Empty)
            {
                if (Interlocked.CompareExchange(ref slot.Meta, Sealed, Empty) == Empty)
                {
                    return;
                }

                continue; // someone claimed or sealed it: look again
            }

            int state = State(meta);
            if (state == Sealed)
            {
                return;
            }

            if (Hash(meta) == hash)
            {
                // Wait only for a claim in progress (it may be this key's) or for this key's own writer.
                if (IsClaiming(meta) || (IsBusy(meta) && _keys.KeysEqual(slot.Key, key)))
                {
                    spinner.SpinOnce();
                    continue;
                }

                if (!IsBusy(meta) && _keys.KeysEqual(slot.Key, key))
                {
                    if (state != Moved)
                    {
                        Migrate(table, next, ref slot);
                    }

                    return;
                }
            }

            index = (index + 1) & mask;
            probes++;
        }
    }

    /// <summary>Moves one slot of <paramref name="table"/> into <paramref name="next"/> (or drops it, for Clear) and marks it Moved or Sealed.</summary>
    private void Migrate(Table table, Table next, ref Slot slot)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            long meta = Volatile.Read(ref slot.Meta);
            if (meta == Empty)
            {
                if (Interlocked.CompareExchange(ref slot.Meta, Sealed, Empty) == Empty)
                {
                    return;
                }

                continue;
            }

            int state = State(meta);
            if (state is Moved or Sealed)
            {
                return;
            }

            if (IsBusy(meta))
            {
                spinner.SpinOnce(); // the slot's writer or another copier is between its CAS and its publishing store
                continue;
            }

            if (state == Dead)
            {
                if (Interlocked.CompareExchange(ref slot.Meta, Published(meta, Moved, _versionMask), meta) == meta)
                {
                    return;
                }

                continue;
            }

            // ORDER: taking the busy bit stops writers of this key while its entry is copied.
            if (Interlocked.CompareExchange(ref slot.Meta, meta | Busy, meta) != meta)
            {
                continue;
            }

            if (next.DropsPredecessor)
            {
                _count.Add(-1);
            }
            else
            {
                InsertMigrated(next, slot.Key, slot.Value, HashAcross(table, next, slot.Key, Hash(meta)));
            }

            // ORDER: release; the copy is published in next before this slot says Moved, so a reader that follows
            // Moved finds it. LINEARIZATION POINT of the key's move (its value does not change).
            Volatile.Write(ref slot.Meta, Published(meta, Moved, _versionMask));
            return;
        }
    }

    /// <summary>
    /// Inserts a migrating entry without comparing keys: the key cannot already be in <paramref name="next"/>, because
    /// writers migrate a key's old slot (which this copier holds busy) before they write it to the next table.
    /// </summary>
    private void InsertMigrated(Table next, TKey key, TValue value, uint hash)
    {
        Slot[] slots = next.Slots;
        int mask = slots.Length - 1;
        int index = HomeSlot(next, hash);
        long claiming = Claiming(hash);
        for (int probes = 0; probes < slots.Length; probes++, index = (index + 1) & mask)
        {
            ref Slot slot = ref slots[index];
            if (Volatile.Read(ref slot.Meta) == Empty &&
                Interlocked.CompareExchange(ref slot.Meta, claiming, Empty) == Empty)
            {
                slot.Key = key;
                slot.Value = value;
                Volatile.Write(ref slot.Meta, Published(claiming, Live, _versionMask));
                Interlocked.Increment(ref next.Claimed);
                return;
            }
        }

        Debug.Fail("INVARIANT: the next table always has room for every migrated entry.");
        throw new InvalidOperationException("LockFreeMap resize found the next table full.");
    }
}
