using System.Globalization;
using MapGuard.Testing.Flooding;

namespace MapGuard.StressTests.Flooding;

/// <summary>
/// No key set an attacker can choose makes a <see cref="GuardedDictionary{TKey, TValue}"/> quadratic, and no flood
/// report fires for keys whose full hashes are distinct: inserting and then looking up an adversarial set takes at most
/// <see cref="InsertTiming.AllowedRatio"/> times a random set's time. Two of the sets are the attacks an independent
/// review found against the guard's former table (predictable tags for <c>i &lt;&lt; 39</c>, and strings colliding
/// under its unseeded word hash).
/// </summary>
public sealed class GuardedDictionaryFloodingTests
{
    [Fact]
    public void Longs_EqualInTheirLow39Bits_InsertAndLookUpWithinBound_WithoutAFloodReport() =>
        AssertWithinBound(AdversarialKeys.LongsWithEqualLow39Bits(), AdversarialKeys.Random(v => v), comparer: null);

    [Fact]
    public void Longs_WithZeroHashCode_InsertAndLookUpWithinBound() =>
        AssertWithinBound(AdversarialKeys.LongsWithZeroHashCode(), AdversarialKeys.Random(v => v), comparer: null);

    [Fact]
    public void Guids_WithEqualHashCode_InsertAndLookUpWithinBound() =>
        AssertWithinBound(AdversarialKeys.GuidsWithEqualHashCode(), AdversarialKeys.Random(v => new Guid((int)v, (short)(v >> 32), (short)(v >> 48), 1, 2, 3, 4, 5, 6, 7, 8)), comparer: null);

    [Theory]
    [InlineData("default")]
    [InlineData("Ordinal")]
    public void Strings_CollidingUnderAnUnseededWordHash_InsertAndLookUpWithinBound_WithoutAFloodReport(string comparer)
    {
        string[] adversarial = AdversarialKeys.StringsCollidingUnderWordDjb2();
        ulong shared = AdversarialKeys.WordDjb2(adversarial[0]);
        Assert.All(adversarial, key => Assert.Equal(shared, AdversarialKeys.WordDjb2(key))); // the attack is real
        Assert.Equal(adversarial.Length, adversarial.Distinct().Count());

        string[] random = AdversarialKeys.Random(v => (v & 0x7FFF_FFFF_FFFF_FFFF).ToString("x16", CultureInfo.InvariantCulture) + "abcd", adversarial.Length);
        AssertWithinBound(adversarial, random, comparer == "default" ? null : StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("Ordinal")]
    public void Strings_CollidingUnderAPolynomialHash_InsertAndLookUpWithinBound(string comparer)
    {
        string[] random = AdversarialKeys.Random(v => v.ToString("x16", CultureInfo.InvariantCulture) + v.ToString("x16", CultureInfo.InvariantCulture));
        AssertWithinBound(AdversarialKeys.PolynomialCollidingStrings(), random, comparer == "default" ? null : StringComparer.Ordinal);
    }

    private static void AssertWithinBound<TKey>(TKey[] adversarial, TKey[] random, IEqualityComparer<TKey>? comparer)
        where TKey : notnull
    {
        var reported = new List<object>();
        EventHandler<HashFloodDetectedEventArgs> onFlood = (_, e) =>
        {
            lock (reported)
            {
                reported.Add(e.Map);
            }
        };
        var maps = new List<GuardedDictionary<TKey, long>>();

        HashFloodMonitor.Detected += onFlood;
        try
        {
            int InsertAndLookUp(TKey[] keys)
            {
                var map = new GuardedDictionary<TKey, long>(comparer);
                maps.Add(map);
                for (int i = 0; i < keys.Length; i++)
                {
                    map[keys[i]] = i;
                }

                int found = 0;
                for (int i = 0; i < keys.Length; i++)
                {
                    found += map.TryGetValue(keys[i], out long value) && value == i ? 1 : 0;
                }

                return found;
            }

            var times = InsertTiming.Measure(InsertAndLookUp, random, adversarial);
            for (int retry = 0; retry < 3 && times.Adversarial / times.Random > InsertTiming.AllowedRatio; retry++)
            {
                times = InsertTiming.Measure(InsertAndLookUp, random, adversarial, rounds: 10); // a lost time slice, not a flood
            }

            Assert.True(times.Adversarial / times.Random <= InsertTiming.AllowedRatio, InsertTiming.Describe($"GuardedDictionary<{typeof(TKey).Name}>", times));
        }
        finally
        {
            HashFloodMonitor.Detected -= onFlood;
        }

        lock (reported)
        {
            Assert.DoesNotContain(reported, map => maps.Any(m => ReferenceEquals(m, map)));
        }
    }
}
