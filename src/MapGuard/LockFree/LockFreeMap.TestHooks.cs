using static MapGuard.LockFree.SlotMeta;

namespace MapGuard;

public sealed partial class LockFreeMap<TKey, TValue>
{
    /// <summary>Test hook: whether the current table hashes strings with the randomized hash (always true for other keys).</summary>
    internal bool HashIsRandomized => Volatile.Read(ref _table).RandomizedHash;

    /// <summary>
    /// Test hook: holds the busy bit of <paramref name="key"/>'s slot while <paramref name="whileBusy"/> runs, as a
    /// writer preempted between its CAS and its publishing store would, then restores the slot unchanged.
    /// </summary>
    internal void HoldBusy(TKey key, Action whileBusy)
    {
        while (true)
        {
            ref Slot slot = ref Locate(key, out _, out _, out long meta);
            if (meta == Empty)
            {
                throw new InvalidOperationException("The key is not in the map.");
            }

            if (Interlocked.CompareExchange(ref slot.Meta, meta | Busy, meta) != meta)
            {
                continue;
            }

            try
            {
                whileBusy();
            }
            finally
            {
                // ORDER: release; the value was not touched, so the word it had is still the truth.
                Volatile.Write(ref slot.Meta, meta);
            }

            return;
        }
    }
}
