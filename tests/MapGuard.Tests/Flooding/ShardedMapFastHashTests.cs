using MapGuard.Internal;
using MapGuard.Testing.Flooding;

namespace MapGuard.Tests.Flooding;

/// <summary>
/// ShardedMap starts ordinal string keys on the unseeded <see cref="FastStringHash"/> and must move the whole map to the
/// randomized hash as soon as a chain walk, a write's or a read's, meets more keys of one full hash than chance allows,
/// however full the map is; and every operation must go on finding every key afterwards.
/// </summary>
public sealed class ShardedMapFastHashTests
{
    private const int Bound = HashFloodMonitor.CollisionBound;

    public static TheoryData<int> Prefills => [0, 90_000];

    [Theory]
    [MemberData(nameof(Prefills))]
    public void InsertsOfCollidingKeys_SwitchToTheRandomizedHash_AndKeepEveryKey(int prefill)
    {
        ShardedMap<string, int> map = Prefilled(prefill);
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
    public void TryAddsOfCollidingKeys_SwitchToTheRandomizedHash(int prefill)
    {
        ShardedMap<string, int> map = Prefilled(prefill);
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(Bound + 2);
        for (int i = 0; i < attack.Length; i++)
        {
            Assert.True(map.TryAdd(attack[i], i));
        }

        Assert.True(map.HashIsRandomized);
        AssertHolds(map, prefill, attack);
    }

    [Theory]
    [InlineData("TryGetValue", 0)]
    [InlineData("TryGetValue", 90_000)]
    [InlineData("ContainsKey", 0)]
    [InlineData("TryRemove", 0)]
    [InlineData("TryRemovePair", 0)]
    [InlineData("TryUpdate", 0)]
    [InlineData("GetOrAdd", 90_000)]
    public void AWalkThatMeetsTooManyCollidingKeys_SwitchesToTheRandomizedHash(string operation, int prefill)
    {
        ShardedMap<string, int> map = Prefilled(prefill);
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(Bound + 2);

        // Each insert meets the keys before it: at most Bound, so no insert switches.
        string[] stored = attack[..(Bound + 1)];
        for (int i = 0; i < stored.Length; i++)
        {
            map[stored[i]] = i;
        }

        Assert.False(map.HashIsRandomized);

        // The absent key meets all Bound + 1 stored keys of its hash.
        string absent = attack[^1];
        bool found = operation switch
        {
            "TryGetValue" => map.TryGetValue(absent, out _),
            "ContainsKey" => map.ContainsKey(absent),
            "TryRemove" => map.TryRemove(absent, out _),
            "TryRemovePair" => map.TryRemove(new KeyValuePair<string, int>(absent, 0)),
            "TryUpdate" => map.TryUpdate(absent, 1, 0),
            _ => map.GetOrAdd(absent, -5) != -5,
        };

        Assert.False(found);
        Assert.True(map.HashIsRandomized);
        if (operation == "GetOrAdd")
        {
            Assert.Equal(-5, map[absent]);
            map.TryRemove(absent, out _);
        }

        AssertHolds(map, prefill, stored);
    }

    [Fact]
    public void AfterTheSwitch_EveryOperationFindsEveryKey()
    {
        ShardedMap<string, int> map = Prefilled(10_000);
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(100);
        for (int i = 0; i < attack.Length; i++)
        {
            map[attack[i]] = i;
        }

        Assert.True(map.HashIsRandomized);
        for (int i = 0; i < 10_000; i += 7)
        {
            string key = $"order-{i:D9}";
            Assert.Equal(-1, map.GetOrAdd(key, 5));
            Assert.Equal(-1, map.GetOrAdd(key, _ => 5));
            Assert.True(map.TryUpdate(key, i, -1));
            Assert.Equal(i + 1, map.AddOrUpdate(key, 0, (_, v) => v + 1));
            Assert.True(map.TryRemove(new KeyValuePair<string, int>(key, i + 1)));
            Assert.False(map.ContainsKey(key));
            Assert.True(map.TryAdd(key, -1));
        }

        Assert.Equal(10_000 + attack.Length, map.Count);
        Assert.Equal(10_000 + attack.Length, map.ToArray().Length);
        Assert.Equal(map.Count, map.Select(pair => pair.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ShardIndexOf_HashesInTheCurrentMode()
    {
        // On the fast hash the colliding keys share one shard; after the switch the hook must hash as the map does, and
        // they spread like any other keys (all ten in one of 128 shards by chance: odds about 1 in 10^19).
        var map = new ShardedMap<string, int>();
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(Bound + 2);
        Assert.Single(attack.Select(map.ShardIndexOf).Distinct());

        foreach (string key in attack)
        {
            map[key] = 0;
        }

        Assert.True(map.HashIsRandomized);
        Assert.True(attack.Select(map.ShardIndexOf).Distinct().Count() > 1, "the colliding keys still share one shard after the switch");
    }

    [Fact]
    public void Clear_KeepsTheRandomizedHash_OnceSwitched_AndTheFastHashBefore()
    {
        var map = new ShardedMap<string, int>();
        map["a"] = 1;
        map.Clear();
        Assert.False(map.HashIsRandomized);

        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(Bound + 2);
        foreach (string key in attack)
        {
            map[key] = 1;
        }

        Assert.True(map.HashIsRandomized);
        map.Clear();
        Assert.True(map.HashIsRandomized);
        Assert.True(map.IsEmpty);
        map[attack[0]] = 2;
        Assert.Equal(2, map[attack[0]]);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("url")]
    public void OrdinaryKeys_StayOnTheFastHash(string shape)
    {
        var map = new ShardedMap<string, int>();
        for (int i = 0; i < 200_000; i++)
        {
            map[shape == "short" ? $"order-{i:D9}" : $"https://shop.example.com/catalog/c{i % 37}/item-{i:D8}?ref=home"] = i;
        }

        for (int i = 0; i < 200_000; i += 3)
        {
            Assert.True(map.ContainsKey(shape == "short" ? $"order-{i:D9}" : $"https://shop.example.com/catalog/c{i % 37}/item-{i:D8}?ref=home"));
        }

        Assert.False(map.HashIsRandomized);
    }

    [Fact]
    public void ANonOrdinalComparer_NeverUsesTheFastHash()
    {
        var map = new ShardedMap<string, int>(StringComparer.OrdinalIgnoreCase);
        map["Key"] = 1;

        Assert.True(map.HashIsRandomized);
        Assert.Equal(1, map["KEY"]);
    }

    [Fact]
    public void OrdinalComparers_StartOnTheFastHash()
    {
        Assert.False(new ShardedMap<string, int>().HashIsRandomized);
        Assert.False(new ShardedMap<string, int>(StringComparer.Ordinal).HashIsRandomized);
        Assert.False(new ShardedMap<string, int>(EqualityComparer<string>.Default).HashIsRandomized);
        Assert.True(new ShardedMap<Guid, int>().HashIsRandomized);
        Assert.True(new ShardedMap<string, int>(StringComparer.OrdinalIgnoreCase).HashIsRandomized);
    }

    private static ShardedMap<string, int> Prefilled(int prefill)
    {
        var map = new ShardedMap<string, int>();
        for (int i = 0; i < prefill; i++)
        {
            map[$"order-{i:D9}"] = -1;
        }

        return map;
    }

    private static void AssertHolds(ShardedMap<string, int> map, int prefill, string[] attack)
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
