using System.Diagnostics;
using static MapGuard.LockFree.SlotMeta;

using MapGuard.Internal;

namespace MapGuard;

public sealed partial class LockFreeMap<TKey, TValue>
{
    /// <inheritdoc/>
    /// <remarks>
    /// Installs an empty table and migrates every slot of the current one into nothing. Not atomic: see the type's
    /// remarks. Writers racing with it land in the new table.
    /// </remarks>
    public void Clear()
    {
        while (true)
        {
            Table table = Volatile.Read(ref _table);
            if (Volatile.Read(ref table.Next) is null &&
                Interlocked.CompareExchange(ref table.Next, new Table(MinCapacity, dropsPredecessor: true, directLimit: MinCapacity / 2), null) is null)
            {
                FinishCopy(table);
                return;
            }

            FinishCopy(table); // a resize was already running: finish it, then clear the table it produced
        }
    }

    /// <summary>Starts a resize of <paramref name="table"/> if it is the current table and none is running.</summary>
    private void StartResize(Table table)
    {
        if (!ReferenceEquals(table, Volatile.Read(ref _table)) ||
            Volatile.Read(ref table.Next) is not null ||
            Interlocked.CompareExchange(ref table.ResizeClaimed, 1, 0) != 0)
        {
            return;
        }

        // Double when more than half the claimed slots hold live keys; otherwise the claims are mostly dead keys and
        // a same-size copy reclaims them.
        int capacity = table.Slots.Length;
        long live = _count.Sum();
        int newCapacity = live * 2 > table.Threshold ? capacity * 2 : capacity;
        if (newCapacity > MaxCapacity)
        {
            throw new InvalidOperationException($"LockFreeMap cannot grow past {MaxCapacity} slots.");
        }

        // Room for new keys while the copy runs. Growing: the old table's entries need at most its length in slots, so
        // the rest is free. Same size: live entries were at most 3/8, so a quarter is free unless more than a quarter
        // of the table's length in writers race a claim past the resize start. A one-chunk table is copied whole by
        // the first writer that needs room, so it gets none.
        int directLimit = capacity <= CopyChunk ? 0 : newCapacity > capacity ? newCapacity - capacity - 1 : capacity / 4;

        // ORDER: CAS publishes Next before any slot of this table can be sealed or moved (INVARIANT used by readers).
        table.ResizeStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref table.Next, new Table(newCapacity, dropsPredecessor: false, directLimit), null);
        HelpCopy(table);
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
        if (start >= length)
        {
            return;
        }

        int end = Math.Min(start + CopyChunk, length);
        for (int i = start; i < end; i++)
        {
            Migrate(next, ref table.Slots[i]);
        }

        if (Interlocked.Add(ref table.Copied, end - start) == length)
        {
            // ORDER: CAS publishes the new table to writers; every slot of the old one is Moved or Sealed already.
            if (ReferenceEquals(Interlocked.CompareExchange(ref _table, next, table), table) && table.ResizeStarted != 0)
            {
                Diagnostics.MapMetrics.RecordResize(this, System.Diagnostics.Stopwatch.GetElapsedTime(table.ResizeStarted));
            }
        }
    }

    /// <summary>Helps until <paramref name="table"/> has been replaced as the current table.</summary>
    private void FinishCopy(Table table)
    {
        var spinner = default(SpinWait);
        while (ReferenceEquals(Volatile.Read(ref _table), table) && Volatile.Read(ref table.Next) is not null)
        {
            if (Volatile.Read(ref table.CopyCursor) < table.Slots.Length)
            {
                HelpCopy(table);
            }
            else
            {
                spinner.SpinOnce(sleep1Threshold: -1); // other threads are finishing their chunks
            }
        }
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
                if (IsBusy(meta))
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }

                if (_keys.KeysEqual(slot.Key, key))
                {
                    if (state != Moved)
                    {
                        Migrate(next, ref slot);
                    }

                    return;
                }
            }

            index = (index + 1) & mask;
            probes++;
        }
    }

    /// <summary>Moves one slot into <paramref name="next"/> (or drops it, for Clear) and marks it Moved or Sealed.</summary>
    private void Migrate(Table next, ref Slot slot)
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
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            if (state == Dead)
            {
                if (Interlocked.CompareExchange(ref slot.Meta, Published(meta, Moved), meta) == meta)
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
                InsertMigrated(next, slot.Key, slot.Value, Hash(meta));
            }

            // ORDER: release; the copy is published in next before this slot says Moved, so a reader that follows
            // Moved finds it. LINEARIZATION POINT of the key's move (its value does not change).
            Volatile.Write(ref slot.Meta, Published(meta, Moved));
            return;
        }
    }

    /// <summary>
    /// Inserts a migrating entry without comparing keys: the key cannot already be in <paramref name="next"/>, because
    /// writers migrate a key's old slot (which this copier holds busy) before they write it to the next table.
    /// </summary>
    private static void InsertMigrated(Table next, TKey key, TValue value, uint hash)
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
                Volatile.Write(ref slot.Meta, Published(claiming, Live));
                Interlocked.Increment(ref next.Claimed);
                return;
            }
        }

        Debug.Fail("INVARIANT: the next table always has room for every migrated entry.");
        throw new InvalidOperationException("LockFreeMap resize found the next table full.");
    }
}
