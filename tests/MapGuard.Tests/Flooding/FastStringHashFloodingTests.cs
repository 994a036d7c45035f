using MapGuard.Internal;
using MapGuard.Testing.Flooding;

namespace MapGuard.Tests.Flooding;

/// <summary>
/// Maps start ordinal string keys on the unseeded <see cref="FastStringHash"/> and must rebuild on the randomized hash
/// as soon as a probe, an insert's or a lookup's, meets more keys of one full hash than chance allows: wherever the
/// colliding keys sit and however full the table is.
/// </summary>
public sealed class FastStringHashFloodingTests
{
    private const int Bound = HashFloodMonitor.CollisionBound;

    public static TheoryData<int> Prefills => [0, 90_000];

    [Fact]
    public void TheAdversarialKeys_AreDistinct_AndShareOneFastHash()
    {
        string[] keys = AdversarialKeys.StringsCollidingUnderFastStringHash(1_000);

        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Single(keys.Select(FastStringHash.Of).Distinct());
    }

    [Fact]
    public void FastStringHash_SeparatesAStringFromItsZeroPaddedForms()
    {
        string[] forms = ["a", "a\0", "a\0\0", "a\0\0\0", "a\0\0\0\0", "a\0\0\0\0\0\0\0\0", string.Empty, "\0"];

        Assert.Equal(forms.Length, forms.Select(FastStringHash.Of).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Prefills))]
    public void LockFreeMap_InsertsOfCollidingKeys_SwitchToTheRandomizedHash_AndKeepEveryKey(int prefill)
    {
        LockFreeMap<string, int> map = Prefilled(prefill);
        Assert.False(map.HashIsRandomized);

        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(2_000);
        for (int i = 0; i < attack.Length; i++)
        {
            map[attack[i]] = i;
        }

        Assert.True(map.HashIsRandomized);
        AssertHolds(map, prefill, attack);
    }

    [Theory]
    [MemberData(nameof(Prefills))]
    public void LockFreeMap_ALookupThatMeetsTooManyCollidingKeys_SwitchesToTheRandomizedHash(int prefill)
    {
        LockFreeMap<string, int> map = Prefilled(prefill);
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(Bound + 2);

        // Each insert meets the keys before it: at most Bound, so no insert switches.
        string[] stored = attack[..(Bound + 1)];
        for (int i = 0; i < stored.Length; i++)
        {
            map[stored[i]] = i;
        }

        Assert.False(map.HashIsRandomized);
        Assert.False(map.TryGetValue(attack[^1], out _)); // meets Bound + 1 keys of its hash
        Assert.True(map.HashIsRandomized);
        AssertHolds(map, prefill, stored);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("url")]
    public void LockFreeMap_OrdinaryKeys_StayOnTheFastHash(string shape)
    {
        var map = new LockFreeMap<string, int>();
        for (int i = 0; i < 200_000; i++)
        {
            map[shape == "short" ? $"order-{i:D9}" : $"https://shop.example.com/catalog/c{i % 37}/item-{i:D8}?ref=home"] = i;
        }

        Assert.False(map.HashIsRandomized);
    }

    [Fact]
    public void LockFreeMap_ANonOrdinalComparer_NeverUsesTheFastHash()
    {
        var map = new LockFreeMap<string, int>(StringComparer.OrdinalIgnoreCase);
        map["Key"] = 1;

        Assert.True(map.HashIsRandomized);
        Assert.Equal(1, map["KEY"]);
    }

    private static LockFreeMap<string, int> Prefilled(int prefill)
    {
        // Capacity 120,000 gives a table whose threshold 90,000 keys nearly reach: long runs of busy slots everywhere.
        var map = new LockFreeMap<string, int>(120_000);
        for (int i = 0; i < prefill; i++)
        {
            map[$"order-{i:D9}"] = -1;
        }

        return map;
    }

    private static void AssertHolds(LockFreeMap<string, int> map, int prefill, string[] attack)
    {
        Assert.Equal(prefill + attack.Length, map.Count);
        for (int i = 0; i < attack.Length; i++)
        {
            Assert.Equal(i, map[attack[i]]);
        }

        for (int i = 0; i < prefill; i++)
        {
            Assert.Equal(-1, map[$"order-{i:D9}"]);
        }
    }
}
