using System.Diagnostics;
using System.Numerics;

namespace MapGuard.Bounded.Policies;

/// <summary>
/// The hashes of the last few keys that left one region of W-TinyLFU (ARC's "ghost" list, keys only, no values): a
/// miss on a key found here would have been a hit had that region been that much larger. Not thread-safe: the map's
/// lock guards it.
/// </summary>
internal sealed class GhostRing
{
    /*
     * INVARIANT: _counts[i] > 0 exactly for the distinct hashes recorded in the ring, and it is how many of the ring's
     *   slots hold _hashes[i]; every other entry has count 0. The count table is open-addressed with linear probing
     *   and no tombstones: a removal shifts later entries of the probe run back (Knuth's algorithm R), so Contains
     *   stops at the first empty entry. It holds at most half its length, so runs stay short.
     * Why not a Dictionary: the climber consults both rings on every miss and the policy records an exit on every
     *   eviction, all under the map's lock; a Dictionary took 4.6% of a TinyLfu cache's samples in a perf profile
     *   (docs/design/bounded-maps.md, Where it loses).
     */

    private const int InitialLength = 16;
    private const long NotRecorded = -1; // a ring slot for an exit kept elsewhere (an admitted key)

    private readonly int _length;
    private long[] _ring; // hash of each of the last exits, or NotRecorded
    private long _exits;
    private uint[] _hashes; // the count table: a hash, and how many ring slots hold it (0: an empty entry)
    private int[] _counts;
    private int _distinct;

    public GhostRing(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        _length = length;
        _ring = NewRing();
        _hashes = new uint[2 * InitialLength];
        _counts = new int[2 * InitialLength];
    }

    /// <summary>Records one exit from the region: <paramref name="hash"/>'s key, or, when null, a key kept elsewhere.</summary>
    public void Add(uint? hash)
    {
        if (_exits == _ring.Length && _ring.Length < _length)
        {
            // Before the first wrap exit n sits in slot n, so a bigger copy keeps every slot where it was.
            int grown = (int)Math.Min(_length, 2L * _ring.Length);
            Array.Resize(ref _ring, grown);
            Array.Fill(_ring, NotRecorded, (int)_exits, grown - (int)_exits);
        }

        int slot = (int)(_exits % _ring.Length);
        if (_ring[slot] != NotRecorded)
        {
            Forget((uint)_ring[slot]); // the exit this slot held falls out of the ring
        }

        _ring[slot] = hash.HasValue ? hash.Value : NotRecorded;
        if (hash is { } recorded)
        {
            Remember(recorded);
        }

        _exits++;
    }

    /// <summary>Whether <paramref name="hash"/>'s key was among the last exits.</summary>
    public bool Contains(uint hash) => _counts[IndexOf(hash)] > 0;

    /// <summary>Forgets every exit.</summary>
    public void Clear()
    {
        _ring = NewRing();
        _exits = 0;
        Array.Clear(_hashes);
        Array.Clear(_counts);
        _distinct = 0;
    }

    private long[] NewRing()
    {
        long[] ring = new long[Math.Min(_length, InitialLength)]; // grows with the exits: a huge, empty cache costs little
        Array.Fill(ring, NotRecorded);
        return ring;
    }

    // The entry holding hash, or the empty entry where its probe run ends.
    private int IndexOf(uint hash)
    {
        int mask = _counts.Length - 1;
        int index = Home(hash, mask);
        while (_counts[index] != 0 && _hashes[index] != hash)
        {
            index = (index + 1) & mask;
        }

        return index;
    }

    private void Remember(uint hash)
    {
        int index = IndexOf(hash);
        if (_counts[index] == 0)
        {
            if (2 * (_distinct + 1) > _counts.Length)
            {
                Grow();
                index = IndexOf(hash);
            }

            _hashes[index] = hash;
            _distinct++;
        }

        _counts[index]++;
    }

    private void Forget(uint hash)
    {
        int mask = _counts.Length - 1;
        int index = IndexOf(hash);
        Debug.Assert(_counts[index] > 0, "a hash leaves the ring only if one of its slots held it");
        if (--_counts[index] > 0)
        {
            return;
        }

        // Backward shift: move later entries of the run into the hole when their home does not lie cyclically in
        // (hole, entry], so every entry stays reachable from its home without crossing an empty entry.
        _distinct--;
        int hole = index;
        for (int next = (hole + 1) & mask; _counts[next] != 0; next = (next + 1) & mask)
        {
            int home = Home(_hashes[next], mask);
            if (((next - home) & mask) >= ((next - hole) & mask))
            {
                _hashes[hole] = _hashes[next];
                _counts[hole] = _counts[next];
                hole = next;
            }
        }

        _counts[hole] = 0;
    }

    private void Grow()
    {
        uint[] hashes = _hashes;
        int[] counts = _counts;
        _hashes = new uint[2 * hashes.Length];
        _counts = new int[2 * counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] != 0)
            {
                int index = IndexOf(hashes[i]);
                _hashes[index] = hashes[i];
                _counts[index] = counts[i];
            }
        }
    }

    // Fibonacci hashing: the top bits of the product, so hashes that differ only in their high bits spread too.
    private static int Home(uint hash, int mask) =>
        (int)((hash * 2_654_435_769u) >> (32 - BitOperations.Log2((uint)mask + 1))) & mask;
}
