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
     * Concurrency: a buffer is written without a lock by the threads whose managed IDs pick it, usually one while
     *   there are no more busy threads than buffers. RACE(benign): threads that share a buffer can overwrite, lose or repeat each other's records; the count
     *   is only ever set to 0 or to a value read from it plus one that is below Batch, so every index stays in range,
     *   and a slot read before any record reached it is null and skipped. Lost or repeated records only make a key
     *   look slightly less or more popular, as the sketch's own races do. The map's lock holder drains its own
     *   thread's buffer before it consults the sketch (Drain), so a thread's reads count in order with its inserts:
     *   with one thread, the sketch sees exactly the increments it would see without the buffer.
     * Generation: written only by the lock holder, when the sketch halves or grows (Advance), with a release store
     *   after the sketch publishes its new table; a batch reads it (acquire) before the table, so a mark never claims
     *   a generation newer than the counts it saw. Readers read it plainly; a stale value costs one skipped or one
     *   extra record. An entry's mark is written by the thread that applies a batch. A mark is a byte, so after 255
     *   generations an old mark can match again and skip one read's count (benign, as above).
     * Batching: alone on the read path, a counter update waits on a cache miss and then on branches that depend on the
     *   loaded counters; it took about as long as the rest of the read. A batch lets the misses overlap
     *   (FrequencySketch.IncrementAll). Caffeine's read buffer is the model, though there the maintenance thread drains
     *   every buffer under the eviction lock.
     * References: Ben Manes, Caffeine's striped read buffer (BoundedBuffer) and its frequency sketch.
     */

    /// <summary>Reads a buffer holds before they are counted together.</summary>
    internal const int Batch = 15;

    private const int MaxStripes = 64;
    private const int EntryStride = 32; // references per buffer's stretch: 256 bytes, the middle 120 used
    private const int CountStride = 32; // ints per count's stretch: 128 bytes, one used

    private readonly Slot[] _entries;
    private readonly int[] _counts;
    private readonly int _stripeMask; // buffers - 1; the buffer of a thread is its managed ID masked with this
    private readonly FrequencySketch _sketch;
    private byte _generation = 1; // never 0, the mark of an entry not yet seen at the maximum

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

        int stripe = Environment.CurrentManagedThreadId & _stripeMask;
        ref int count = ref _counts[(stripe * CountStride) + (CountStride / 2)];
        int recorded = count; // RACE(benign): see the header; always below Batch
        int first = (stripe * EntryStride) + (EntryStride / 4);
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
        int stripe = Environment.CurrentManagedThreadId & _stripeMask;
        ref int count = ref _counts[(stripe * CountStride) + (CountStride / 2)];
        int recorded = count;
        if (recorded != 0)
        {
            count = 0;
            Apply((stripe * EntryStride) + (EntryStride / 4), recorded);
        }
    }

    /// <summary>
    /// Starts a new generation: the sketch's counts halved or started afresh. Caller holds the map's lock.
    /// </summary>
    public void Advance()
    {
        // ORDER: release, after the sketch published its new table; see the header.
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

        byte generation = Volatile.Read(ref _generation); // ORDER: before the sketch's table, see the header
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
