using System.Diagnostics;
using System.Runtime.CompilerServices;
using MapGuard.Internal;

namespace MapGuard;

public sealed partial class ReadMostlyMap<TKey, TValue>
{
    /// <summary>
    /// One slot of a read table: the key, its hash code and its entry, inline in the array, so a probe compares hashes
    /// and keys without leaving the array and touches the entry only for the key it wants. A null entry is an empty slot.
    /// </summary>
    private struct Slot
    {
        public TKey Key;
        public Entry? Entry;
        public uint Hash;
    }

    /// <summary>
    /// The published read-only table: an open-addressed, linearly probed array that is never modified after it is
    /// published. Which keys it holds is fixed; what they map to lives in their entries.
    /// </summary>
    private sealed class ReadTable
    {
        /// <summary>Written only before the table is published; immutable after.</summary>
        public readonly Slot[] Slots;

        /// <summary>32 - log2(length): a home slot is the hash's top bits (<see cref="HashHelpers.HashShiftFor"/>).</summary>
        public readonly int Shift;

        /// <summary>Slots in use, including entries that are Deleted: the table's share of a promotion's copying.</summary>
        public readonly int Occupied;

        /// <summary>
        /// Whether the dirty table may hold keys this table lacks. When false, a key missing here is absent from the
        /// map, and a read can say so without the lock. (Go's readOnly.amended.)
        /// </summary>
        public readonly bool Amended;

        /// <summary>
        /// Whether the slots hold the keys' randomized hashes. False only for ordinal string keys
        /// (<see cref="KeyComparer{TKey}.StartsOnFastHash"/>) before the map met a flood: their slots then hold
        /// <see cref="FastStringHash"/>-based hashes, and every probe must be made with a hash of the same kind.
        /// </summary>
        public readonly bool RandomizedHash;

        private ReadTable(Slot[] slots, int occupied, bool amended, bool randomizedHash)
        {
            Slots = slots;
            Shift = HashHelpers.HashShiftFor(slots.Length);
            Occupied = occupied;
            Amended = amended;
            RandomizedHash = randomizedHash;
        }

        /// <summary>An empty, unpublished table sized for <paramref name="entries"/>, to be filled with <see cref="Place"/>.</summary>
        public static ReadTable Create(int entries, bool randomizedHash)
        {
            // Load factor at most 2/3 (at least 1/3): short linear probes for hits and misses, and always an empty slot,
            // which is what ends every probe. The table never grows after it is built, so this is its final size.
            int length = Math.Max(2, HashHelpers.RoundUpToPowerOf2(entries + (entries / 2) + 1));
            return new ReadTable(new Slot[length], entries, amended: false, randomizedHash);
        }

        /// <summary>The same slots with a different <see cref="Amended"/> flag (the slots array is shared, not copied).</summary>
        public ReadTable WithAmended(bool amended) => new(Slots, Occupied, amended, RandomizedHash);

        /// <summary>
        /// Puts a key known to be absent into a table that is still private to its builder. Returns how many keys with
        /// the same full hash it passed on the way: every earlier key of that hash, since they all share its home slot.
        /// </summary>
        public int Place(TKey key, uint hash, Entry entry)
        {
            int mask = Slots.Length - 1;
            int index = HomeSlot(this, hash);
            int sameHash = 0;
            while (Slots[index].Entry is not null)
            {
                if (Slots[index].Hash == hash)
                {
                    sameHash++;
                }

                index = (index + 1) & mask;
            }

            Slots[index] = new Slot { Key = key, Entry = entry, Hash = hash };
            return sameHash;
        }
    }

    /// <summary>
    /// The entry of <paramref name="key"/> in <paramref name="table"/>, or null. <paramref name="hash"/> must be the key's
    /// hash in that table (<see cref="HashIn"/>). Lock-free and writes nothing, except on the fast string hash when the
    /// probe meets a flood: it then switches the map to the randomized hash (<see cref="CountCollision"/>) and finishes
    /// its probe of <paramref name="table"/>, which is still a valid view.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Entry? Find(ReadTable table, TKey key, uint hash)
    {
        Slot[] slots = table.Slots;
        int mask = slots.Length - 1;
        int index = HomeSlot(table, hash);

        // INVARIANT: a read table always has an empty slot (load factor at most 2/3), so this loop ends.
        Debug.Assert(table.Occupied < slots.Length, "read table without an empty slot");
        int collisions = 0; // other keys with this full hash: chance gives a few, an attack gives thousands
        while (true)
        {
            ref Slot slot = ref slots[index];
            Entry? entry = slot.Entry;
            if (entry is null)
            {
                return null;
            }

            if (slot.Hash == hash)
            {
                if (_keys.KeysEqual(slot.Key, key))
                {
                    return entry;
                }

                CountCollision(table, ref collisions);
            }

            index = (index + 1) & mask;
        }
    }

    /// <summary>
    /// The hash <paramref name="key"/> has in <paramref name="table"/>: the fast string hash until the map switches, the
    /// randomized one after. Every other key type gets its one seeded hash, and the table's flag is not read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint HashIn(ReadTable table, TKey key) => _keys.Hash(key, !_keys.StartsOnFastHash || table.RandomizedHash);

    /// <summary>The hash of <paramref name="key"/> in <paramref name="next"/>, given its <paramref name="hash"/> in <paramref name="table"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint HashAcross(ReadTable table, ReadTable next, TKey key, uint hash) =>
        !_keys.StartsOnFastHash || table.RandomizedHash == next.RandomizedHash ? hash : HashIn(next, key);

    /// <summary>
    /// Counts a stored key that shares the probing key's full hash but is not equal to it. In a table on the fast string
    /// hash, more than <see cref="HashFloodMonitor.CollisionBound"/> in one probe is an attack on that unseeded hash and
    /// switches the map to the randomized one (<see cref="RandomizeHash"/>); otherwise the monitor counts it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountCollision(ReadTable table, ref int collisions)
    {
        if (_keys.StartsOnFastHash && !table.RandomizedHash)
        {
            if (++collisions == HashFloodMonitor.CollisionBound + 1)
            {
                RandomizeHash();
            }
        }
        else
        {
            HashFloodMonitor.CountCollision(ref collisions, this, _label);
        }
    }

    /// <summary>The home slot of <paramref name="hash"/> in <paramref name="table"/>: the hash's top bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HomeSlot(ReadTable table, uint hash) => (int)(hash >> table.Shift);
}
