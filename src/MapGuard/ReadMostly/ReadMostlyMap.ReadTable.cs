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

        /// <summary>
        /// <see cref="Shift"/> in a table that places integer keys by their own low bits (<see cref="IsIdentityPlaced"/>),
        /// 0 in every other: HomeSlot shifts the hash left by it first, so it takes the low bits instead of the top ones.
        /// </summary>
        public readonly int IdentityShift;

        /// <summary>Slots in use, including entries that are Deleted: the table's share of a promotion's copying.</summary>
        public readonly int Occupied;

        /// <summary>
        /// Whether the dirty table may hold keys this table lacks. When false, a key missing here is absent from the
        /// map, and a read can say so without the lock. (Go's readOnly.amended.)
        /// </summary>
        public readonly bool Amended;

        /// <summary>
        /// Whether the slots hold the keys' randomized (or seeded) hashes. False only for ordinal string keys
        /// (<see cref="KeyComparer{TKey}.StartsOnFastHash"/>) and integer keys (<see cref="KeyComparer{TKey}.PlacesByIdentity"/>)
        /// before the map left its fast start: their slots then hold <see cref="FastStringHash"/>-based hashes or the
        /// keys' low bits, and every probe must be made with a hash of the same kind.
        /// </summary>
        public readonly bool RandomizedHash;

        /// <summary>
        /// Whether this table places integer keys by their low bits (<see cref="KeyComparer{TKey}.PlacesByIdentity"/>):
        /// its home slot is the key modulo the length. Only a table that is not <see cref="RandomizedHash"/> can be.
        /// </summary>
        public bool IsIdentityPlaced => IdentityShift != 0;

        /// <summary>
        /// The farthest any key of the table lies from its home slot (0: every key at home). A probe that has looked
        /// that far without finding its key can stop: the key is not here. Raised by <see cref="Place"/> while the table
        /// is private to its builder; fixed once it is published.
        /// </summary>
        public int MaxProbe { get; private set; }

        private ReadTable(Slot[] slots, int occupied, bool amended, bool randomizedHash, int identityShift, int maxProbe)
        {
            Slots = slots;
            Shift = HashHelpers.HashShiftFor(slots.Length);
            IdentityShift = identityShift;
            Occupied = occupied;
            Amended = amended;
            RandomizedHash = randomizedHash;
            MaxProbe = maxProbe;
        }

        /// <summary>An empty, unpublished table sized for <paramref name="entries"/>, to be filled with <see cref="Place"/>.</summary>
        public static ReadTable Create(int entries, bool randomizedHash, bool identityPlaced)
        {
            // Load factor at most 2/3 (at least 1/3): short linear probes for hits and misses, and always an empty slot,
            // which is what ends every probe. The table never grows after it is built, so this is its final size.
            int length = Math.Max(2, HashHelpers.RoundUpToPowerOf2(entries + (entries / 2) + 1));
            return new ReadTable(new Slot[length], entries, amended: false, randomizedHash, identityPlaced ? HashHelpers.HashShiftFor(length) : 0, maxProbe: 0);
        }

        /// <summary>The same slots with a different <see cref="Amended"/> flag (the slots array is shared, not copied).</summary>
        public ReadTable WithAmended(bool amended) => new(Slots, Occupied, amended, RandomizedHash, IdentityShift, MaxProbe);

        /// <summary>
        /// Puts a key known to be absent into a table that is still private to its builder, raising
        /// <see cref="MaxProbe"/> to its distance from home. Returns how many keys with the same full hash it passed on
        /// the way: every earlier key of that hash, since they all share its home slot.
        /// </summary>
        public int Place(TKey key, uint hash, Entry entry)
        {
            int mask = Slots.Length - 1;
            int index = HomeSlot(this, hash);
            int sameHash = 0;
            int distance = 0;
            while (Slots[index].Entry is not null)
            {
                if (Slots[index].Hash == hash)
                {
                    sameHash++;
                }

                index = (index + 1) & mask;
                distance++;
            }

            Slots[index] = new Slot { Key = key, Entry = entry, Hash = hash };
            MaxProbe = Math.Max(MaxProbe, distance);
            return sameHash;
        }
    }

    /// <summary>
    /// The entry of <paramref name="key"/> in <paramref name="table"/>, or null. <paramref name="hash"/> must be the key's
    /// hash in that table (<see cref="HashIn"/>). Lock-free and writes nothing, except on a fast hash when the
    /// probe meets a flood: it then switches the map to the randomized hash (<see cref="CountCollision"/>) and finishes
    /// its probe of <paramref name="table"/>, which is still a valid view.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Entry? Find(ReadTable table, TKey key, uint hash)
    {
        Slot[] slots = table.Slots;
        int mask = slots.Length - 1;
        int index = HomeSlot(table, hash);

        // INVARIANT: every key of the table lies within MaxProbe slots of its home, so a probe that has passed that
        // many has missed; and a read table always has an empty slot (load factor at most 2/3), which ends it sooner.
        Debug.Assert(table.Occupied < slots.Length, "read table without an empty slot");
        int maxProbe = table.MaxProbe;
        int collisions = 0; // other keys with this full hash: chance gives a few, an attack gives thousands
        for (int distance = 0; ; distance++)
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

            if (distance == maxProbe)
            {
                return null;
            }

            index = (index + 1) & mask;
        }
    }

    /// <summary>
    /// The hash <paramref name="key"/> has in <paramref name="table"/>: the fast string hash, or an integer key's own
    /// bits, until the map switches; the randomized (seeded) one after. Every other key type gets its one seeded hash,
    /// and the table's flag is not read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint HashIn(ReadTable table, TKey key) => _keys.Hash(key, !_keys.StartsFast || table.RandomizedHash);

    /// <summary>The hash of <paramref name="key"/> in <paramref name="next"/>, given its <paramref name="hash"/> in <paramref name="table"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint HashAcross(ReadTable table, ReadTable next, TKey key, uint hash) =>
        !_keys.StartsFast || table.RandomizedHash == next.RandomizedHash ? hash : HashIn(next, key);

    /// <summary>
    /// Counts a stored key that shares the probing key's full hash but is not equal to it. In a table on a fast hash (the
    /// unseeded string hash, or integer keys' own bits), more than <see cref="HashFloodMonitor.CollisionBound"/> in one
    /// probe is an attack on it and switches the map to the randomized one (<see cref="RandomizeHash"/>); otherwise the
    /// monitor counts it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountCollision(ReadTable table, ref int collisions)
    {
        if (_keys.StartsFast && !table.RandomizedHash)
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

    /// <summary>
    /// The home slot of <paramref name="hash"/> in <paramref name="table"/>: the hash's top bits, or in an
    /// identity-placed table its low bits (the integer key modulo the length).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HomeSlot(ReadTable table, uint hash) =>
        (int)((KeyComparer<TKey>.IsIntegerKey ? hash << table.IdentityShift : hash) >> table.Shift);

    /// <summary>A new read table; one on the fast hash places integer keys by their own bits.</summary>
    private ReadTable NewReadTable(int entries, bool randomized) =>
        ReadTable.Create(entries, randomized, identityPlaced: !randomized && _keys.PlacesByIdentity);
}
