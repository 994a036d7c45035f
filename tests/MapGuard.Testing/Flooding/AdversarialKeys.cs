using System.Runtime.InteropServices;
using System.Text;

namespace MapGuard.Testing.Flooding;

/// <summary>
/// Key sets an attacker could send, and random sets of the same size and shape to compare them with. Each
/// adversarial set defeats a map that indexes by the key's own <see cref="object.GetHashCode"/> (or by a fixed mix of
/// it): every key shares one hash code, or the bits a table would index by.
/// </summary>
public static class AdversarialKeys
{
    /// <summary>Keys per set: the size the hash-flooding issue measures.</summary>
    public const int Count = 40_000;

    private static readonly Lazy<int[]> s_fibonacciClustered = new(FindFibonacciClusteredInts);

    /// <summary>Longs of the form <c>(x &lt;&lt; 32) | x</c>: <c>long.GetHashCode()</c> is 0 for every one.</summary>
    public static long[] LongsWithZeroHashCode() => Generate(i => ((long)(i + 1) << 32) | (uint)(i + 1));

    /// <summary>Longs whose low 24 bits are all equal: what a table indexed by low bits sees as one bucket.</summary>
    public static long[] LongsWithEqualLow24Bits() => Generate(i => ((long)(i + 1) << 24) | 0x5A5A5A);

    /// <summary>
    /// Ints (all distinct hash codes) whose Fibonacci-spread hash shares its top 12 bits: an unseeded
    /// multiplicative table piles them into 1/4096 of its slots.
    /// </summary>
    public static int[] FibonacciClusteredInts() => (int[])s_fibonacciClustered.Value.Clone();

    /// <summary>Ints whose low 16 bits are all equal.</summary>
    public static int[] IntsWithEqualLow16Bits() => Generate(i => (i + 1) << 16);

    /// <summary>Guids whose four 32-bit parts cancel: <c>Guid.GetHashCode()</c> is the same for every one.</summary>
    public static Guid[] GuidsWithEqualHashCode() => Generate(i =>
    {
        Span<int> parts = [i + 1, i + 1, 7, 7];
        return MemoryMarshal.Cast<int, Guid>(parts)[0];
    });

    /// <summary>Pairs whose elements each hash to 0, so the tuple's combined hash code is one value.</summary>
    public static (long, long)[] LongPairsWithEqualHashCode() => Generate(i => (((long)(i + 1) << 32) | (uint)(i + 1), 3L));

    /// <summary>Padded pairs (4 + 8 bytes) whose elements hash equally: the int fixed, the long of the zero-hash form.</summary>
    public static (int, long)[] IntLongPairsWithEqualHashCode() => Generate(i => (5, ((long)(i + 1) << 32) | (uint)(i + 1)));

    /// <summary>
    /// 32-character strings of "Aa"/"BB" blocks: all share one hash under the classic polynomial string hash
    /// (31·h + c, as in Java), the textbook flooding payload. Harmless only where the string hash is randomized.
    /// </summary>
    public static string[] PolynomialCollidingStrings()
    {
        var keys = new string[Count];
        var builder = new StringBuilder(32);
        for (int i = 0; i < Count; i++)
        {
            builder.Clear();
            for (int bit = 15; bit >= 0; bit--)
            {
                builder.Append(((i >> bit) & 1) == 0 ? "Aa" : "BB");
            }

            keys[i] = builder.ToString();
        }

        return keys;
    }

    /// <summary>
    /// Longs <c>i &lt;&lt; 39</c>: distinct full hash codes, but equal in every bit below 39, so a table that takes
    /// its tag or its index from the low bits of a multiply-shift of the key sees them all alike.
    /// </summary>
    public static long[] LongsWithEqualLow39Bits() => Generate(i => (long)(i + 1) << 39);

    /// <summary>
    /// 20-character alphanumeric strings that all share one 64-bit hash under an unseeded two-lane djb2 over 64-bit
    /// words (<see cref="WordDjb2"/>, the string hash GuardedDictionary once used). Only the characters at positions
    /// 3 mod 4 vary, which changes only bits 48-63 of each lane, so a meet-in-the-middle over the two lanes finds
    /// thousands of full collisions in a fraction of a second.
    /// </summary>
    public static string[] StringsCollidingUnderWordDjb2(int count = 6_000)
    {
        const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        char[] template = "ord3r-k3y-t3mp-l4te!".ToCharArray(); // 20 characters: five 64-bit words
        ulong target = WordDjb2(new string(template));
        int[] firstLane = [3, 11, 19]; // words 0, 2 and 4 feed the first lane
        int[] secondLane = [7, 15]; // words 1 and 3 feed the second

        // Every first-lane variant, indexed by its lane value (only its top 16 bits vary).
        var byFirst = new Dictionary<ulong, List<int>>();
        int firstVariants = Alphabet.Length * Alphabet.Length * Alphabet.Length;
        char[] work = (char[])template.Clone();
        for (int v = 0; v < firstVariants; v++)
        {
            Place(work, firstLane, v, Alphabet);
            ulong lane = Lanes(work).First;
            if (!byFirst.TryGetValue(lane, out List<int>? list))
            {
                byFirst[lane] = list = [];
            }

            list.Add(v);
        }

        var keys = new List<string>(count);
        work = (char[])template.Clone();
        for (int w = 0; w < Alphabet.Length * Alphabet.Length && keys.Count < count; w++)
        {
            Place(work, secondLane, w, Alphabet);
            ulong second = Lanes(work).Second;
            ulong needed = unchecked(target - (second * WordDjb2Combine) - (ulong)work.Length);
            if (byFirst.TryGetValue(needed, out List<int>? matches))
            {
                foreach (int v in matches)
                {
                    Place(work, firstLane, v, Alphabet);
                    keys.Add(new string(work));
                    if (keys.Count == count)
                    {
                        break;
                    }
                }
            }
        }

        if (keys.Count < count)
        {
            throw new InvalidOperationException($"Found only {keys.Count} colliding strings.");
        }

        return [.. keys];
    }

    /// <summary>The attacker's model: two lanes of <c>h = 33h ^ word</c> over the string's 64-bit words (even words
    /// in the first, odd in the second), combined as <c>first + second·C + length</c>.</summary>
    public static ulong WordDjb2(string text)
    {
        (ulong first, ulong second) = Lanes(text.AsSpan());
        return unchecked(first + (second * WordDjb2Combine) + (ulong)text.Length);
    }

    private const ulong WordDjb2Start = 0x1505_0000_1505UL;
    private const ulong WordDjb2Combine = 0x9E37_79B9_7F4A_7C15UL;

    /// <summary>
    /// 16-character strings that all share one <c>FastStringHash</c> value, the unseeded hash maps start string keys
    /// on. Its first lane adds the 64-bit words at characters 0-3 and 8-11 and multiplies by a public odd constant
    /// <c>M</c> after each; raising the first word by <c>t</c> and lowering the second by <c>t·M</c> leaves the lane,
    /// and so the hash, unchanged, whatever the seed of the map that mixes it afterwards. Characters 4-7 and 12-15 spell
    /// <c>"key:"</c> and <c>"tail"</c>; the rest are arbitrary UTF-16 code units, as an attacker may send.
    /// </summary>
    public static string[] StringsCollidingUnderFastStringHash(int count = Count)
    {
        const ulong FirstLaneMultiplier = 0x9E3779B97F4A7C15UL;
        ulong second = Word("key:");
        ulong fourth = Word("tail");
        var keys = new string[count];
        for (int i = 0; i < count; i++)
        {
            ulong t = (ulong)(i + 1);
            Span<ulong> words = [0x0041_0042_0043_0044UL + t, second, unchecked(0x0045_0046_0047_0048UL - (t * FirstLaneMultiplier)), fourth];
            keys[i] = new string(MemoryMarshal.Cast<ulong, char>(words));
        }

        return keys;

        static ulong Word(string four) => MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(four.AsSpan()));
    }

    private static (ulong First, ulong Second) Lanes(ReadOnlySpan<char> chars)
    {
        if (chars.Length % 4 != 0)
        {
            throw new ArgumentException("The model takes whole 64-bit words only.", nameof(chars));
        }

        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<char, ulong>(chars);
        ulong first = WordDjb2Start, second = WordDjb2Start;
        for (int i = 0; i < words.Length; i++)
        {
            if ((i & 1) == 0)
            {
                first = unchecked(((first << 5) + first) ^ words[i]);
            }
            else
            {
                second = unchecked(((second << 5) + second) ^ words[i]);
            }
        }

        return (first, second);
    }

    private static void Place(char[] work, int[] positions, int variant, string alphabet)
    {
        foreach (int position in positions)
        {
            work[position] = alphabet[variant % alphabet.Length];
            variant /= alphabet.Length;
        }
    }

    /// <summary><paramref name="count"/> distinct random keys made by <paramref name="make"/> from random longs.</summary>
    public static TKey[] Random<TKey>(Func<long, TKey> make, int count = Count)
        where TKey : notnull
    {
        var random = new Random(12345);
        var seen = new HashSet<TKey>(count);
        var keys = new TKey[count];
        int filled = 0;
        while (filled < count)
        {
            TKey key = make(random.NextInt64(long.MinValue, long.MaxValue));
            if (seen.Add(key))
            {
                keys[filled++] = key;
            }
        }

        return keys;
    }

    private static TKey[] Generate<TKey>(Func<int, TKey> make)
    {
        var keys = new TKey[Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = make(i);
        }

        return keys;
    }

    private static int[] FindFibonacciClusteredInts()
    {
        var keys = new int[Count];
        int found = 0;
        for (uint candidate = 1; found < Count; candidate++)
        {
            if ((candidate * 0x9E3779B97F4A7C15UL) >> 52 == 0)
            {
                keys[found++] = (int)candidate;
            }
        }

        return keys;
    }
}
