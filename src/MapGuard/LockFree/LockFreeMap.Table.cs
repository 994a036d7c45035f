namespace MapGuard;

public sealed partial class LockFreeMap<TKey, TValue>
{
    /// <summary>One entry, stored inline in the table's array: no object per entry.</summary>
    private struct Slot
    {
        public long Meta; // see SlotMeta; written only by CAS or by the writer that holds its busy bit
        public TKey Key; // written once, before the claim is published
        public TValue Value; // written only while its writer holds the busy bit
    }

    /// <summary>An open-addressed, linearly probed array of slots and the state of its resize.</summary>
    private sealed class Table
    {
        public readonly Slot[] Slots;

        /// <summary>32 - log2(length): HomeSlot takes the top bits of the key's hash.</summary>
        public readonly int Shift;

        /// <summary>
        /// <see cref="Shift"/> in a table that places integer keys by their own low bits (<see cref="IsIdentityPlaced"/>),
        /// 0 in every other: HomeSlot shifts the hash left by it first, so it takes the low bits instead of the top ones.
        /// </summary>
        public readonly int IdentityShift;

        /// <summary>
        /// Claimed slots allowed before a resize starts. Large tables stop at 3/4, which keeps linear probes short.
        /// Tables that fit in cache (up to <see cref="SmallTable"/> slots) stop at 3/8: there the cost of a lookup is
        /// branch mispredictions on probe length, not memory, and a sparser table is the cheap fix.
        /// </summary>
        public readonly int Threshold;

        /// <summary>Set on the empty table that <see cref="Clear"/> installs: migrating into it drops entries.</summary>
        public readonly bool DropsPredecessor;

        /// <summary>
        /// Whether this table's slots hold the randomized hash of their keys. False only for string keys that start
        /// on <see cref="Internal.FastStringHash"/>, until a flood is seen (<see cref="RandomizeHash"/>); every table
        /// after that one is randomized.
        /// </summary>
        public readonly bool RandomizedHash;

        /// <summary>
        /// Whether this table places integer keys by their low bits (<see cref="Internal.KeyComparer{TKey}.PlacesByIdentity"/>):
        /// its home slot is the key modulo the length, until a probe passes <see cref="Internal.HashHelpers.IdentityProbeBound"/> slots
        /// (<see cref="RandomizeHash"/>). Only a table that is not <see cref="RandomizedHash"/> can be.
        /// </summary>
        public bool IsIdentityPlaced => IdentityShift != 0;

        /// <summary>
        /// How many new keys writers may claim here directly while the predecessor is still being copied in. The rest
        /// of the table is kept for the predecessor's entries, so a migrating entry always finds an empty slot.
        /// </summary>
        public readonly int DirectLimit;

        // PUBLISHED BY: CAS in StartResize or Clear, before any slot of this table is sealed or moved;
        // READ WITH: Volatile.Read. Once set it never changes.
        public Table? Next;

        public long ResizeStarted; // Stopwatch timestamp, written before Next is published; read by the promoting thread

        public int Claimed;       // slots taken from Empty, including dead ones (Interlocked)
        public int ResizeClaimed; // 0 until one thread wins the right to allocate Next (CAS)
        public int DirectClaims;  // claims counted against DirectLimit before promotion (Interlocked)
        public int CopyCursor;    // start of the next unclaimed copy chunk (Interlocked.Add)
        public int Copied;        // slots in chunks marked done so far; equal to Slots.Length when the copy is done

        /// <summary>
        /// One flag per <see cref="CopyChunk"/> slots, set by CAS (0 to 1) by the first thread that has seen every slot
        /// of the chunk Moved or Sealed; only that thread adds the chunk to <see cref="Copied"/>. A thread that needs
        /// the copy finished migrates the unflagged chunks itself instead of waiting for the threads that claimed them.
        /// </summary>
        public readonly int[] ChunksDone;

        /// <summary>The claims a table of <paramref name="capacity"/> slots accepts before it resizes (see <see cref="Threshold"/>).</summary>
        public static int ThresholdFor(int capacity) => capacity <= SmallTable ? (capacity / 8) * 3 : capacity - (capacity / 4);

        /// <summary>The smallest table that holds <paramref name="entries"/> keys without resizing.</summary>
        public static int CapacityFor(int entries)
        {
            int capacity = MinCapacity;
            while (ThresholdFor(capacity) < entries)
            {
                capacity *= 2;
            }

            return capacity;
        }

        public Table(int capacity, bool dropsPredecessor, int directLimit, bool randomizedHash, bool identityPlaced)
        {
            RandomizedHash = randomizedHash;
            Slots = new Slot[capacity];
            Shift = Internal.HashHelpers.HashShiftFor(capacity);
            IdentityShift = identityPlaced ? Shift : 0;
            Threshold = ThresholdFor(capacity);
            DropsPredecessor = dropsPredecessor;
            DirectLimit = directLimit;
            ChunksDone = new int[(capacity + CopyChunk - 1) / CopyChunk];
        }
    }
}
