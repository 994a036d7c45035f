using System.Globalization;
using MapGuard.Testing.Flooding;

namespace MapGuard.StressTests.Flooding;

/// <summary>
/// No key set an attacker can choose makes a MapGuard map quadratic: for every map and every protected key type, an
/// adversarial set of 40,000 keys inserts within <see cref="InsertTiming.AllowedRatio"/> times a random set's time.
/// The controls show the same check fails a plain <see cref="Dictionary{TKey, TValue}"/>, so it can fail.
/// </summary>
public sealed class HashFloodingTests
{
    public static TheoryData<string> Maps => ["locked", "sharded", "lock-free", "read-mostly", "concurrent-dictionary"];

    [Theory]
    [MemberData(nameof(Maps))]
    public void Longs_WithZeroHashCode_InsertWithinBound(string map) =>
        AssertWithinBound(map, AdversarialKeys.LongsWithZeroHashCode(), AdversarialKeys.Random(v => v));

    [Theory]
    [MemberData(nameof(Maps))]
    public void Longs_WithEqualLow24Bits_InsertWithinBound(string map) =>
        AssertWithinBound(map, AdversarialKeys.LongsWithEqualLow24Bits(), AdversarialKeys.Random(v => v));

    [Theory]
    [MemberData(nameof(Maps))]
    public void ULongs_WithZeroHashCode_InsertWithinBound(string map) =>
        AssertWithinBound(map, Array.ConvertAll(AdversarialKeys.LongsWithZeroHashCode(), v => (ulong)v), AdversarialKeys.Random(v => (ulong)v));

    [Theory]
    [MemberData(nameof(Maps))]
    public void NInts_WithZeroHashCode_InsertWithinBound(string map) =>
        AssertWithinBound(map, Array.ConvertAll(AdversarialKeys.LongsWithZeroHashCode(), v => (nint)v), AdversarialKeys.Random(v => (nint)v));

    [Theory]
    [MemberData(nameof(Maps))]
    public void Ints_ClusteredUnderFibonacciHashing_InsertWithinBound(string map) =>
        AssertWithinBound(map, AdversarialKeys.FibonacciClusteredInts(), AdversarialKeys.Random(v => (int)v));

    [Theory]
    [MemberData(nameof(Maps))]
    public void UInts_WithEqualLow16Bits_InsertWithinBound(string map) =>
        AssertWithinBound(map, Array.ConvertAll(AdversarialKeys.IntsWithEqualLow16Bits(), v => (uint)v), AdversarialKeys.Random(v => (uint)v));

    [Theory]
    [MemberData(nameof(Maps))]
    public void Guids_WithEqualHashCode_InsertWithinBound(string map) =>
        AssertWithinBound(map, AdversarialKeys.GuidsWithEqualHashCode(), AdversarialKeys.Random(v => new Guid((int)v, (short)(v >> 32), (short)(v >> 48), (byte)v, 1, 2, 3, 4, 5, 6, 7)));

    [Theory]
    [MemberData(nameof(Maps))]
    public void LongPairs_WithEqualHashCode_InsertWithinBound(string map) =>
        AssertWithinBound(map, AdversarialKeys.LongPairsWithEqualHashCode(), AdversarialKeys.Random(v => (v, 3L)));

    [Theory]
    [MemberData(nameof(Maps))]
    public void PaddedIntLongPairs_WithEqualHashCode_InsertWithinBound(string map) =>
        AssertWithinBound(map, AdversarialKeys.IntLongPairsWithEqualHashCode(), AdversarialKeys.Random(v => (5, v)));

    public static TheoryData<string, string> MapsAndStringComparers()
    {
        var data = new TheoryData<string, string>();
        foreach (string map in (string[])["locked", "sharded", "lock-free", "read-mostly", "concurrent-dictionary"])
        {
            foreach (string comparer in (string[])["default", "Ordinal", "OrdinalIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase", "CurrentCulture"])
            {
                data.Add(map, comparer);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MapsAndStringComparers))]
    public void Strings_CollidingUnderAPolynomialHash_InsertWithinBound(string map, string comparer)
    {
        IEqualityComparer<string>? keyComparer = comparer switch
        {
            "default" => null,
            "CurrentCulture" => StringComparer.CurrentCulture,
            _ => StringComparer.FromComparison(Enum.Parse<StringComparison>(comparer)),
        };
        string[] random = AdversarialKeys.Random(v => v.ToString("x16", CultureInfo.InvariantCulture) + v.ToString("x16", CultureInfo.InvariantCulture));
        AssertWithinBound(map, AdversarialKeys.PolynomialCollidingStrings(), random, keyComparer);
    }

    public static TheoryData<string, string> MapsAndOrdinalComparers()
    {
        var data = new TheoryData<string, string>();
        foreach (string map in (string[])["locked", "sharded", "lock-free", "read-mostly", "concurrent-dictionary"])
        {
            data.Add(map, "default");
            data.Add(map, "Ordinal");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MapsAndOrdinalComparers))]
    public void Strings_CollidingUnderTheFastStringHash_InsertWithinBound(string map, string comparer)
    {
        // The maps that start ordinal strings on the unseeded fast hash must leave it for the randomized one.
        string[] random = AdversarialKeys.Random(v => "k:" + v.ToString("x14", CultureInfo.InvariantCulture));
        AssertWithinBound(map, AdversarialKeys.StringsCollidingUnderFastStringHash(), random, comparer == "default" ? null : StringComparer.Ordinal);
    }

    [Fact]
    public void Control_PlainDictionaryOfLongs_FailsTheSameCheck()
    {
        // The same measurement against the unprotected BCL Dictionary: if this passed, the check could not fail.
        var times = InsertTiming.Measure(
            keys =>
            {
                var dictionary = new Dictionary<long, long>();
                foreach (long key in keys)
                {
                    dictionary[key] = key;
                }

                return dictionary.Count;
            },
            AdversarialKeys.Random(v => v),
            AdversarialKeys.LongsWithZeroHashCode(),
            rounds: 1);

        Assert.True(times.Adversarial / times.Random > InsertTiming.AllowedRatio, InsertTiming.Describe("Dictionary<long,long>", times));
    }

    [Fact]
    public void Control_UnseededFibonacciHashingOfInts_FailsTheSameCheck()
    {
        // The int set targets multiplicative hashing without a seed, which these maps used before seeding: a linearly
        // probed table indexed by the top bits of hash * 2^64/phi, as LockFreeMap's is, sees every key's home slot
        // fall in 1/4096 of it, so the keys pile into one long cluster.
        var times = InsertTiming.Measure(
            keys =>
            {
                const int Bits = 17;
                var slots = new int[1 << Bits]; // 0 = empty; the keys are never 0
                int count = 0;
                foreach (int key in keys)
                {
                    int index = (int)(((uint)key * 0x9E3779B97F4A7C15UL) >> (64 - Bits));
                    while (slots[index] != 0 && slots[index] != key)
                    {
                        index = (index + 1) & (slots.Length - 1);
                    }

                    if (slots[index] == 0)
                    {
                        slots[index] = key;
                        count++;
                    }
                }

                return count;
            },
            AdversarialKeys.Random(v => (int)v | 1),
            AdversarialKeys.FibonacciClusteredInts(),
            rounds: 1);

        Assert.True(times.Adversarial / times.Random > InsertTiming.AllowedRatio, InsertTiming.Describe("unseeded Fibonacci table", times));
    }

    private static void AssertWithinBound<TKey>(string map, TKey[] adversarial, TKey[] random, IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull
    {
        var times = InsertTiming.Measure(() => Create<TKey>(map, comparer), random, adversarial);
        for (int retry = 0; retry < 3 && times.Adversarial / times.Random > InsertTiming.AllowedRatio; retry++)
        {
            // A 2 ms timing on a busy 2-core machine can lose a time slice (seen once under load: ratio 4.7 for a
            // cell that passes in quiet runs). Measure again, best of 10: a real flood is 100 to 1,800 times slower,
            // and no number of rounds brings it under the bound (the controls below take a single round).
            times = InsertTiming.Measure(() => Create<TKey>(map, comparer), random, adversarial, rounds: 10);
        }

        Assert.True(times.Adversarial / times.Random <= InsertTiming.AllowedRatio, InsertTiming.Describe($"{map} {typeof(TKey).Name}", times));
    }

    private static IConcurrentMap<TKey, long> Create<TKey>(string map, IEqualityComparer<TKey>? comparer)
        where TKey : notnull => map switch
        {
            "locked" => new LockedMap<TKey, long>(comparer),
            "sharded" => new ShardedMap<TKey, long>(comparer),
            "lock-free" => new LockFreeMap<TKey, long>(comparer),
            "read-mostly" => new ReadMostlyMap<TKey, long>(comparer),
            "concurrent-dictionary" => new ConcurrentDictionaryMap<TKey, long>(comparer),
            _ => throw new ArgumentOutOfRangeException(nameof(map), map, "unknown map"),
        };
}
