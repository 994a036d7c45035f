using System.Numerics;
using System.Runtime.CompilerServices;

namespace MapGuard.Bounded.Policies;

/// <summary>
/// TinyLfu's read buffer: readers record the entries they read here, in one of a few buffers picked by managed thread
/// ID (four per processor, at most 64), and every <see cref="Batch"/>th record counts the batch in the
/// <see cref="FrequencySketch"/> at once. An entry whose counters were all at their maximum is marked with the sketch's
/// <see cref="Generation"/>, and its reads are not recorded again until the counts next halve or grow, since counting
/// them would change nothing.
/// </summary>
internal sealed class ReadBuffer<TKey, TValue>
{
    /*
     * Concurrency: a buffer is written without a lock by the threads whose managed IDs pick it (usually one while
     *   there are no more busy threads than buffers). RACE(benign): threads that share a buffer can overwrite, lose or
     *   repeat each other's records; the count is only ever set to 0 or to a value read from it plus one that is below
     *   Batch, so every index stays in range, and a slot read before any record reached it, or cleared by another
     *   batch, is null and skipped. Lost or repeated records only make a key look slightly less or more popular, as
     *   the sketch's own races do. The map's lock holder counts its own thread's buffer before it consults the sketch
     *   (Drain), so a thread's reads count in order with its inserts: with one thread, the sketch sees exactly the
     *   increments it would see without the buffer (a marked entry's skipped reads would not have changed a counter).
     *   Marks (BoundedEntry.SaturatedIn) are written by the thread that counts a batch; a stale one costs one skipped
     *   or one extra record. A mark is a byte, so 255 generations later an old mark can match again and skip one
     *   read's count (benign, as above).
     * Memory ordering: Advance publishes a generation with a release store after the sketch published its new table
     *   (FrequencySketch's Volatile.Write); Apply reads it with acquire before IncrementAll reads the table, so a mark
     *   never claims a generation newer than the counts it saw. Record reads it plainly (a stale value is benign).
     * Progress: Record and Drain are wait-free: O(Batch) work, no lock, no allocation.
     * Resizing: none; the number of buffers is fixed at construction.
     * References: Ben Manes, Caffeine's striped read buffer and its frequency sketch (there the maintenance thread
     *   drains every buffer under the eviction lock).
     */

    /// <summary>Reads a buffer holds before they are counted together.</summary>
    /// <remarks>Enough misses to overlap in one batch, few enough that a thread's last reads wait briefly.</remarks>
    internal const int Batch = 15;

    private const int MaxStripes = 64; // bounds a map's buffers at 24 KB
    private const int EntryStride = 32; // references per buffer's stretch: 256 bytes, the middle 120 used
    private const int CountStride = 32; // ints per count's stretch: 128 bytes, one used

    private readonly Slot[] _entries; // RACE(benign): see the header
    private readonly int[] _counts;   // RACE(benign): see the header
    private readonly int _stripeMask; // buffers - 1; the buffer of a thread is its managed ID masked with this
    private readonly FrequencySketch _sketch;
    // Never 0, the mark of an entry not yet seen at the maximum. GUARDED BY: the map's lock for writes;
    // PUBLISHED BY: Volatile.Write in Advance; READ WITH: Volatile.Read in Apply, a plain read in Record.
    private byte _generation = 1;

    public ReadBuffer(FrequencySketch sketch)
    {
        // Four buffers per processor (Caffeine's bound for its striped buffer), so a map costs 384 bytes per buffer:
        // 3 KB on two cores, 24 KB at most.
        int stripes = (int)Math.Min(MaxStripes, BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount * 4));
        _stripeMask = stripes - 1;
        _entries = new Slot[stripes * EntryStride];
        _counts = new int[stripes * CountStride];
        _sketch = sketch;
    }

    /// <summary>The current generation of the sketch's counts: it changes when they halve or start afresh.</summary>
    public byte Generation => _generation;

    /// <summary>Records a read of <paramref name="entry"/>; counts the caller's buffer once it is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(BoundedEntry<TKey, TValue> entry)
    {
        if (entry.SaturatedIn == _generation)
        {
            return; // its counters are at the maximum: counting it again would change nothing
        }

        int stripe = CallerStripe();
        ref int count = ref CountOf(stripe);
        int recorded = count; // RACE(benign): see the header; always below Batch
        int first = FirstOf(stripe);
        _entries[first + recorded].Entry = entry;
        if (recorded + 1 < Batch)
        {
            count = recorded + 1;
            return;
        }

        count = 0;
        Apply(first, Batch);
    }

    /// <summary>
    /// Counts what the calling thread has recorded and not yet counted, so its own reads count before an admission
    /// decision. Caller holds the map's lock.
    /// </summary>
    public void Drain()
    {
        int stripe = CallerStripe();
        ref int count = ref CountOf(stripe);
        int recorded = count;
        if (recorded != 0)
        {
            count = 0;
            Apply(FirstOf(stripe), recorded);
        }
    }

    private int CallerStripe() => Environment.CurrentManagedThreadId & _stripeMask;

    // Each buffer's count and records sit in the middle of their stretches, away from the neighbours' cache lines.
    private ref int CountOf(int stripe) => ref _counts[(stripe * CountStride) + (CountStride / 2)];

    private static int FirstOf(int stripe) => (stripe * EntryStride) + (EntryStride / 4);

    /// <summary>
    /// Starts a new generation: the sketch's counts halved or started afresh. Caller holds the map's lock.
    /// </summary>
    public void Advance()
    {
        // ORDER: release; pairs with Apply's acquire read, after FrequencySketch published its new table.
        Volatile.Write(ref _generation, (byte)((_generation % byte.MaxValue) + 1));
    }

    private void Apply(int first, int recorded)
    {
        // Slots are read twice, each time with a null check: a thread sharing the buffer may clear them meanwhile.
        Span<Slot> slots = _entries.AsSpan(first, recorded);
        Span<uint> hashes = stackalloc uint[Batch];
        Span<byte> slotOf = stackalloc byte[Batch];
        Span<bool> saturated = stackalloc bool[Batch];
        int found = 0;
        for (int i = 0; i < slots.Length; i++)
        {
            if (slots[i].Entry is { } entry)
            {
                slotOf[found] = (byte)i;
                hashes[found++] = entry.Hash;
            }
        }

        // ORDER: acquire; pairs with Advance's release store, so the table IncrementAll reads is at least this new.
        byte generation = Volatile.Read(ref _generation);
        _sketch.IncrementAll(hashes[..found], saturated[..found]);
        for (int i = 0; i < found; i++)
        {
            // Any entry with this hash has these counters, so marking whichever entry the slot now holds is right.
            if (saturated[i] && slots[slotOf[i]].Entry is { } entry && entry.Hash == hashes[i])
            {
                entry.SaturatedIn = generation; // RACE(benign): see BoundedEntry
            }
        }

        slots.Clear(); // holds no entry (or its value) alive once counted
    }

    // A struct around the reference, so storing one is a plain store: an array of a non-sealed class type would check
    // each store for array covariance.
    private struct Slot
    {
        public BoundedEntry<TKey, TValue>? Entry;
    }
}
