using System.Numerics;
using System.Runtime.CompilerServices;
using MapGuard.Internal;

namespace MapGuard.Bounded.Policies;

/// <summary>
/// A count-min sketch of 4-bit counters that estimates how often each key hash was seen recently: TinyLFU's
/// popularity filter. Each key's four counters share one 64-byte block, so a lookup touches one cache line. Every
/// <c>10 × capacity</c> increments all counters halve, so old popularity fades.
/// </summary>
internal sealed class FrequencySketch
{
    /*
     * Concurrency: Increment runs on reader threads without a lock. RACE(benign): two threads that update one 64-bit
     *   word at once can lose each other's increments to counters in that word; the sketch is an estimate, and a lost
     *   count only makes a key look slightly less popular. Counters already at 15 are read, never written, so the
     *   hot keys of a skewed workload leave their cache lines shared instead of bouncing them between cores.
     * Resizing: the table starts small and grows (EnsureCapacity, under the map's lock) as the map fills, up to one
     *   word per key of capacity, so a large but mostly empty map costs little. Growing starts the counts afresh.
     *   PUBLISHED BY: Volatile.Write in EnsureCapacity; READ WITH: Volatile.Read into a local. An increment that lands
     *   in the old table is lost (benign).
     * References: Einziger, Friedman and Manes, "TinyLFU: A Highly Efficient Cache Admission Policy" (2017);
     *   Caffeine's FrequencySketch (Ben Manes) for the blocked layout and the halving reset; Cormode and
     *   Muthukrishnan's count-min sketch.
     */

    private const long ResetMask = 0x7777_7777_7777_7777L; // each nibble halved: drop its low bit, shift right
    private const int CounterMax = 15;

    private const int InitialWords = 64;

    private readonly int _maxWords;
    private long[] _table; // 8 words (one 64-byte block) per block; 16 counters per word
    private int _sampleSize;
    private readonly Lock _resetLock = new();
    private int _additions; // RACE(benign): a lost addition delays the next reset by one increment

    public FrequencySketch(int capacity)
    {
        _maxWords = WordsFor(capacity);
        _table = new long[Math.Min(InitialWords, _maxWords)];
        _sampleSize = SampleSizeFor(_table.Length);
    }

    /// <summary>Grows the table for a map holding <paramref name="entries"/> keys. Caller holds the map's lock.</summary>
    public void EnsureCapacity(int entries)
    {
        long[] table = _table;
        if (entries <= table.Length || table.Length >= _maxWords)
        {
            return;
        }

        int words = Math.Min(_maxWords, WordsFor(entries) * 2);
        _sampleSize = SampleSizeFor(words);
        _additions = 0;
        Volatile.Write(ref _table, new long[words]);
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

    /// <summary>Counts one occurrence of <paramref name="hash"/>. Lock-free and lossy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment(uint hash)
    {
        long[] table = Volatile.Read(ref _table);
        ulong mixed = Mix(hash);
        int block = BlockOf(table, mixed);
        // Conservative update: only the counters at the current minimum grow, so a key's estimate rises by one and
        // counters shared with more popular keys stay put (Estan and Varghese, 2002).
        int minimum = CounterMax;
        for (int i = 0; i < 4; i++)
        {
            minimum = Math.Min(minimum, (int)((table[block + WordOf(mixed, i)] >> NibbleShift(mixed, i)) & 0xF));
        }

        bool added = false;
        if (minimum < CounterMax)
        {
            for (int i = 0; i < 4; i++)
            {
                ref long word = ref table[block + WordOf(mixed, i)];
                int shift = NibbleShift(mixed, i);
                long current = word;
                if (((current >> shift) & 0xF) == minimum)
                {
                    word = current + (1L << shift);
                    added = true;
                }
            }
        }

        if (added && ++_additions >= _sampleSize)
        {
            Reset();
        }
    }

    private void Reset()
    {
        if (!_resetLock.TryEnter())
        {
            return; // another thread is halving
        }

        try
        {
            if (_additions < _sampleSize)
            {
                return;
            }

            long[] table = _table;
            for (int i = 0; i < table.Length; i++)
            {
                table[i] = (table[i] >> 1) & ResetMask;
            }

            _additions /= 2;
        }
        finally
        {
            _resetLock.Exit();
        }
    }

    private static int WordsFor(int entries) => (int)Math.Min(1 << 30, BitOperations.RoundUpToPowerOf2((uint)Math.Max(entries, 8)));

    private static int SampleSizeFor(int words) => (int)Math.Min(int.MaxValue / 2, 10L * words);

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
