using System.Numerics;
using System.Runtime.CompilerServices;
using MapGuard.Internal;

namespace MapGuard.Bounded.Policies;

/// <summary>
/// A count-min sketch of 4-bit counters that estimates how often each key hash was seen recently: TinyLFU's
/// popularity filter. Each key's four counters share one 64-byte block, so a lookup touches one cache line. Once per
/// sample period (<see cref="SampleSizeFor"/>) of increments all counters halve, so old popularity fades.
/// </summary>
internal sealed class FrequencySketch
{
    /*
     * Concurrency: Increment and IncrementAll run on reader threads without a lock (readers go through ReadBuffer,
     *   which calls IncrementAll once per batch) and do O(1) work per key. RACE(benign): two threads that update one
     *   64-bit word at once can lose each other's increments to counters in that word; the sketch is an estimate, and
     *   a lost count only makes a key look slightly less popular. Counters already at 15 are read, never written, so
     *   the hot keys of a skewed workload leave their cache lines shared instead of bouncing them.
     * Halving: only ResetIfDue halves, on the thread that holds the map's lock (TinyLfuPolicy.OnInsert), before the
     *   sketch is consulted. It writes the halved counters into a fresh array and publishes that, so an increment
     *   racing with it lands in the old array and is lost (benign, as above) but can never write a pre-halving value
     *   back over a halved one. Readers count additions in _additions and never write _resetAdditions; the lock holder
     *   only writes _resetAdditions, so neither can undo the other's bookkeeping.
     * Resizing: the table starts small and grows (EnsureCapacity, under the map's lock) as the map fills, up to one
     *   word per key of capacity, so a large but mostly empty map costs little. Growing starts the counts afresh.
     *   PUBLISHED BY: Volatile.Write in EnsureCapacity and ResetIfDue; READ WITH: Volatile.Read into a local. An
     *   increment that lands in the old table is lost (benign).
     * References: Einziger, Friedman and Manes, "TinyLFU: A Highly Efficient Cache Admission Policy" (2017);
     *   Caffeine's FrequencySketch (Ben Manes) for the blocked layout and the halving reset; Cormode and
     *   Muthukrishnan's count-min sketch.
     */

    private const int CounterMax = 15;

    // Halvings that empty a 4-bit counter: a reset that is this many periods due zeroes the table.
    private const int CounterBits = 4;

    private const int InitialWords = 64;

    private readonly int _capacity;
    private readonly int _maxWords;
    private long[] _table; // 8 words (one 64-byte block) per block; 16 counters per word
    private int _sampleSize; // GUARDED BY: the map's lock
    private int _additions; // written by readers only. RACE(benign): a lost addition delays the next reset by one increment
    private int _resetAdditions; // GUARDED BY: the map's lock. _additions when the counts were last halved or started

    public FrequencySketch(int capacity)
    {
        _capacity = Math.Max(1, capacity);
        _maxWords = WordsFor(capacity);
        _table = new long[Math.Min(InitialWords, _maxWords)];
        _sampleSize = SampleSizeFor(_table.Length);
    }

    /// <summary>
    /// Grows the table for a map holding <paramref name="entries"/> keys; true if it grew (the counts start afresh).
    /// Caller holds the map's lock.
    /// </summary>
    public bool EnsureCapacity(int entries)
    {
        long[] table = _table;
        if (entries <= table.Length || table.Length >= _maxWords)
        {
            return false;
        }

        int words = Math.Min(_maxWords, WordsFor(entries) * 2);
        _sampleSize = SampleSizeFor(words);
        _resetAdditions = Volatile.Read(ref _additions);
        Volatile.Write(ref _table, new long[words]);
        return true;
    }

    /// <summary>The estimated number of recent occurrences of <paramref name="hash"/>, 0 to 15.</summary>
    public int Frequency(uint hash)
    {
        long[] table = Volatile.Read(ref _table);
        ulong mixed = Mix(hash);
        int block = BlockOf(table, mixed);
        int frequency = CounterMax;
        for (int i = 0; i < 4; i++)
        {
            int shift = NibbleShift(mixed, i);
            int counter = (int)((table[block + WordOf(mixed, i)] >> shift) & 0xF);
            frequency = Math.Min(frequency, counter);
        }

        return frequency;
    }

    /// <summary>Counts one occurrence of <paramref name="hash"/> now. Lock-free and lossy.</summary>
    public void Increment(uint hash)
    {
        if (Add(Volatile.Read(ref _table), Mix(hash)))
        {
            _additions++; // RACE(benign): see the field
        }
    }

    /// <summary>
    /// Counts one occurrence of each hash in <paramref name="hashes"/>, and sets <paramref name="saturated"/>[i] where
    /// every counter of hash i was already at 15 (so counting it again is a no-op until the next halving). Lock-free
    /// and lossy, as <see cref="Increment"/>.
    /// </summary>
    public void IncrementAll(ReadOnlySpan<uint> hashes, Span<bool> saturated)
    {
        // Two passes: the first loads each key's block, so the batch's cache misses overlap instead of queueing
        // behind one another (and behind the second pass's data-dependent branches); the second counts.
        long[] table = Volatile.Read(ref _table);
        Span<ulong> mixed = stackalloc ulong[hashes.Length];
        for (int i = 0; i < hashes.Length; i++)
        {
            mixed[i] = Mix(hashes[i]);
            _ = Volatile.Read(ref table[BlockOf(table, mixed[i])]); // a load the JIT keeps: the touch
        }

        int added = 0;
        for (int i = 0; i < hashes.Length; i++)
        {
            bool counted = Add(table, mixed[i]);
            saturated[i] = !counted;
            added += counted ? 1 : 0;
        }

        _additions += added; // RACE(benign): see the field
    }

    // Conservative update: only the counters at the key's current minimum grow, so its estimate rises by one and
    // counters shared with more popular keys stay put (Estan and Varghese, 2002). False if all four were at 15.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Add(long[] table, ulong mixed)
    {
        int block = BlockOf(table, mixed);
        int minimum = CounterMax;
        for (int i = 0; i < 4; i++)
        {
            minimum = Math.Min(minimum, (int)((table[block + WordOf(mixed, i)] >> NibbleShift(mixed, i)) & 0xF));
        }

        if (minimum == CounterMax)
        {
            return false;
        }

        for (int i = 0; i < 4; i++)
        {
            ref long word = ref table[block + WordOf(mixed, i)];
            int shift = NibbleShift(mixed, i);
            long current = word;
            if (((current >> shift) & 0xF) == minimum)
            {
                word = current + (1L << shift);
            }
        }

        return true;
    }

    /// <summary>
    /// Halves every counter once per sample period of increments since the last halving (at most
    /// <see cref="CounterBits"/> times, which empties them); true if it halved. Caller holds the map's lock.
    /// </summary>
    public bool ResetIfDue()
    {
        // Unchecked: _additions wraps after 2^31 increments; the difference stays right while it is below 2^31.
        int since = unchecked(Volatile.Read(ref _additions) - _resetAdditions);
        if (since < _sampleSize)
        {
            return false;
        }

        int halvings = Math.Min(CounterBits, since / _sampleSize);
        long[] table = _table;
        long[] halved = halvings == CounterBits ? new long[table.Length] : GC.AllocateUninitializedArray<long>(table.Length);
        if (halvings < CounterBits)
        {
            // Each nibble shifted right by `halvings`, with the bits that crossed in from the next nibble cleared.
            long mask = (long)(0x1111_1111_1111_1111UL * (0xFUL >> halvings));
            for (int i = 0; i < table.Length; i++)
            {
                halved[i] = (long)((ulong)table[i] >> halvings) & mask;
            }
        }

        // Like a halving of the count itself: the period restarts half full, so popularity fades smoothly.
        _resetAdditions = unchecked(_resetAdditions + (since - (since >> halvings)));

        // ORDER: release; readers Volatile.Read the table, and a late increment to the old one is lost (benign).
        Volatile.Write(ref _table, halved);
        return true;
    }

    private static int WordsFor(int entries) => (int)Math.Min(1 << 30, BitOperations.RoundUpToPowerOf2((uint)Math.Max(entries, 8)));

    /// <summary>
    /// The first sample period, in increments, as a multiple of the keys the table is sized for: the counts halve after
    /// this many, and then after every half as many (<see cref="ResetIfDue"/> restarts a period half full).
    /// </summary>
    /// <remarks>
    /// A multiple of the capacity, not of the table, whose power-of-two length would make the period depend on how
    /// far the capacity is from the next power of two. The steady period is ten capacities' worth, under the counters'
    /// ceiling of 15; why twenty and not ten: docs/design/bounded-maps.md, "How long the sketch remembers".
    /// </remarks>
    internal const int PeriodMultiple = 20;

    private int SampleSizeFor(int words) => (int)Math.Min(int.MaxValue / 2, (long)PeriodMultiple * Math.Min(words, _capacity));

    // A non-linear avalanche (the SplitMix64 finalizer, Steele, Lea and Flood 2014). A multiply alone is not enough:
    // the maps' seeded hashes are linear in the key, so sequential keys would land on a lattice of counters, and
    // for some seeds a scan of one-hit keys would share all four counters with the frequent keys (TinyLfuSeedSweepTests
    // on a plain multiply: 27 maps of 2,000 kept 85 or fewer of 90 frequent keys, the worst 79; with this mix, 86).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(uint hash)
    {
        ulong z = HashHelpers.Spread(hash);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // The top bits pick the block; the low 32 bits pick the four words and nibbles inside it.
    private static int BlockOf(long[] table, ulong mixed) => (int)((mixed >> 40) & (uint)((table.Length >> 3) - 1)) << 3;

    // Counter i lives in word 2i or 2i+1 of the block, so the four counters never share a word.
    private static int WordOf(ulong mixed, int i) => (i << 1) | (int)((mixed >> (i * 8)) & 1);

    private static int NibbleShift(ulong mixed, int i) => (int)(((mixed >> ((i * 8) + 1)) & 0xF) << 2);
}
