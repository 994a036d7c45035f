using MapGuard.Testing.Flooding;

namespace MapGuard.Tests.Flooding;

/// <summary>
/// ReadMostlyMap starts ordinal string keys on the unseeded fast string hash and must switch to the randomized hash
/// when keys sharing one fast hash beyond chance reach its read table: through an insert's or a lookup's probe, or
/// through a promotion that places keys which waited in the dirty table. The switch is a promotion that carries every
/// entry, so no key, value or count may be lost by it.
/// </summary>
public sealed class ReadMostlyMapFastHashTests
{
    private const int Bound = HashFloodMonitor.CollisionBound;
    private const int Prefill = 5_000;

    public static TheoryData<int> Prefills => [0, Prefill];

    [Fact]
    public void InsertsOfCollidingKeys_IntoAnEmptyMap_SwitchToTheRandomizedHash_AndKeepEveryKey()
    {
        var map = new ReadMostlyMap<string, int>();
        Assert.False(map.HashIsRandomized);

        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(2_000);
        for (int i = 0; i < attack.Length; i++)
        {
            map[attack[i]] = i;
        }

        Assert.True(map.HashIsRandomized);
        AssertHolds(map, prefill: 0, attack);
    }

    [Theory]
    [InlineData("enumeration")]
    [InlineData("misses")]
    [InlineData("growth")]
    public void CollidingKeysWaitingInTheDirtyTable_SwitchTheMap_WhenAPromotionPlacesThem(string promotion)
    {
        ReadMostlyMap<string, int> map = Promoted(Prefill);
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(2_000);
        for (int i = 0; i < attack.Length; i++)
        {
            Assert.True(map.TryAdd(attack[i], i));
        }

        // The read table has none of them, so no insert met them; the dirty table hashes its own way.
        Assert.Equal(attack.Length, map.DirtyCount);
        Assert.False(map.HashIsRandomized);

        int extra = 0;
        switch (promotion)
        {
            case "enumeration":
                Assert.Equal(Prefill + attack.Length, Enumerated(map));
                break;
            case "misses":
                for (int i = 0; map.DirtyCount > 0; i++)
                {
                    Assert.Equal(0, map[attack[0]]);
                    Assert.True(i < 2 * (Prefill + attack.Length), "the misses never promoted the dirty table");
                }

                break;
            default:
                // The dirty table outgrows the read table.
                for (; map.DirtyCount > 0; extra++)
                {
                    map[Extra(extra)] = extra;
                }

                break;
        }

        Assert.True(map.HashIsRandomized);
        Assert.Equal(0, map.DirtyCount);
        AssertHolds(map, Prefill, attack, extra);
    }

    [Fact]
    public void AnInsertThatMeetsTooManyCollidingKeysInTheReadTable_Switches_AndCarriesTheDirtyKeys()
    {
        ReadMostlyMap<string, int> map = Promoted(Prefill);
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(Bound + 2);

        // Bound + 1 colliding keys in the read table: placing the last passes Bound keys of its hash, no more.
        string[] stored = attack[..(Bound + 1)];
        for (int i = 0; i < stored.Length; i++)
        {
            map[stored[i]] = i;
        }

        Assert.Equal(Prefill + stored.Length, Enumerated(map));
        Assert.Equal(0, map.DirtyCount);

        // Ordinary new keys wait in the dirty table, hashed for the fast read table.
        const int Extras = 1_000;
        for (int i = 0; i < Extras; i++)
        {
            map[Extra(i)] = i;
        }

        Assert.Equal(Extras, map.DirtyCount);
        Assert.False(map.HashIsRandomized);

        // Its probe meets Bound + 1 keys of its hash: the insert switches, then adds the key under the new hash.
        Assert.True(map.TryAdd(attack[^1], attack.Length - 1));

        Assert.True(map.HashIsRandomized);
        AssertHolds(map, Prefill, attack, Extras);
    }

    [Theory]
    [MemberData(nameof(Prefills))]
    public void ALookupThatMeetsTooManyCollidingKeys_SwitchesToTheRandomizedHash(int prefill)
    {
        ReadMostlyMap<string, int> map = Promoted(prefill);
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(Bound + 2);
        string[] stored = attack[..(Bound + 1)];
        for (int i = 0; i < stored.Length; i++)
        {
            map[stored[i]] = i;
        }

        _ = Enumerated(map); // promotes them into the read table
        const int Extras = 100;
        for (int i = 0; i < Extras; i++)
        {
            map[Extra(i)] = i; // ordinary keys waiting in the dirty table: the lookup below must take the lock
        }

        Assert.False(map.HashIsRandomized);
        Assert.False(map.TryGetValue(attack[^1], out _)); // meets Bound + 1 keys of its hash
        Assert.True(map.HashIsRandomized);
        AssertHolds(map, prefill, stored, Extras);
    }

    [Fact]
    public void AProbeUnderTheLockThatMeetsTooManyCollidingKeys_SwitchesOnceItsOperationIsDone()
    {
        var map = new ReadMostlyMap<string, int>();
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(Bound + 2);
        string[] stored = attack[..(Bound + 1)];

        // The lock-free probe runs on the empty table; the add factory then fills the read table with Bound + 1 keys of
        // the key's hash, so only the probe made under the lock meets them, in the middle of the add.
        int added = map.AddOrUpdate(
            attack[^1],
            key =>
            {
                for (int i = 0; i < stored.Length; i++)
                {
                    map[stored[i]] = i;
                }

                _ = Enumerated(map);
                Assert.False(map.HashIsRandomized);
                return attack.Length - 1;
            },
            static (_, _) => -1);

        Assert.Equal(attack.Length - 1, added);
        Assert.True(map.HashIsRandomized);
        AssertHolds(map, prefill: 0, attack);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("url")]
    public void OrdinaryKeys_StayOnTheFastHash(string shape)
    {
        const int Keys = 200_000;
        var map = new ReadMostlyMap<string, int>();
        for (int i = 0; i < Keys; i++)
        {
            map[Key(shape, i)] = i;
        }

        Assert.Equal(Keys, Enumerated(map));
        for (int i = 0; i < Keys; i++)
        {
            Assert.Equal(i, map[Key(shape, i)]);
            Assert.False(map.ContainsKey(Key(shape, i) + "?"));
        }

        Assert.False(map.HashIsRandomized);

        static string Key(string shape, int i) =>
            shape == "short" ? $"order-{i:D9}" : $"https://shop.example.com/catalog/c{i % 37}/item-{i:D8}?ref=home";
    }

    [Fact]
    public void OnlyOrdinalStringKeys_StartOnTheFastHash()
    {
        Assert.False(new ReadMostlyMap<string, int>().HashIsRandomized);
        Assert.False(new ReadMostlyMap<string, int>(StringComparer.Ordinal).HashIsRandomized);
        Assert.True(new ReadMostlyMap<Guid, int>().HashIsRandomized); // integer keys: ReadMostlyMapIdentityPlacementTests

        var map = new ReadMostlyMap<string, int>(StringComparer.OrdinalIgnoreCase);
        Assert.True(map.HashIsRandomized);
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(2_000);
        for (int i = 0; i < attack.Length; i++)
        {
            map[attack[i]] = i;
        }

        map["Key"] = -1;
        Assert.Equal(-1, map["KEY"]);
        Assert.Equal(attack.Length + 1, map.Count);
        Assert.True(map.HashIsRandomized);
    }

    [Fact]
    public void AfterTheSwitch_EveryOperationFindsItsKey_AndClearKeepsTheRandomizedHash()
    {
        var map = new ReadMostlyMap<string, int>();
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(500);
        for (int i = 0; i < attack.Length; i++)
        {
            Assert.True(map.TryAdd(attack[i], i));
        }

        Assert.True(map.HashIsRandomized);
        for (int i = 0; i < attack.Length; i++)
        {
            string key = attack[i];
            Assert.Equal(i, map.GetOrAdd(key, -1));
            Assert.Equal(i, map.GetOrAdd(key, _ => -1));
            Assert.False(map.TryRemove(new KeyValuePair<string, int>(key, -1)));
            Assert.True(map.TryUpdate(key, i + 1, i));
            Assert.Equal(i + 2, map.AddOrUpdate(key, -1, static (_, v) => v + 1));
            Assert.True(map.TryRemove(new KeyValuePair<string, int>(key, i + 2)));
            Assert.False(map.ContainsKey(key));
            Assert.True(map.TryAdd(key, i));
        }

        AssertHolds(map, prefill: 0, attack);

        map.Clear();
        Assert.True(map.HashIsRandomized);
        Assert.Empty(map);
        for (int i = 0; i < attack.Length; i++)
        {
            map[attack[i]] = i;
        }

        Assert.True(map.HashIsRandomized);
        AssertHolds(map, prefill: 0, attack);
    }

    private static string Extra(int i) => $"extra-{i:D9}";

    /// <summary>Enumerates the map, which promotes its dirty table first, and counts the pairs.</summary>
    private static int Enumerated(ReadMostlyMap<string, int> map)
    {
        int count = 0;
        foreach (KeyValuePair<string, int> pair in map)
        {
            count++;
        }

        return count;
    }

    /// <summary>A map of <paramref name="keys"/> ordinary keys, all in the read table.</summary>
    private static ReadMostlyMap<string, int> Promoted(int keys)
    {
        var map = new ReadMostlyMap<string, int>();
        for (int i = 0; i < keys; i++)
        {
            map[$"order-{i:D9}"] = -1;
        }

        Assert.Equal(keys, Enumerated(map));
        Assert.Equal(0, map.DirtyCount);
        return map;
    }

    /// <summary>
    /// Count, the enumeration (which promotes first) and a lookup of every key all agree on exactly the expected keys:
    /// <paramref name="prefill"/> ordinary keys of value -1, <paramref name="attack"/>[i] of value i, and
    /// <paramref name="extras"/> keys <see cref="Extra"/>(i) of value i.
    /// </summary>
    private static void AssertHolds(ReadMostlyMap<string, int> map, int prefill, string[] attack, int extras = 0)
    {
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < prefill; i++)
        {
            expected.Add($"order-{i:D9}", -1);
        }

        for (int i = 0; i < attack.Length; i++)
        {
            expected.Add(attack[i], i);
        }

        for (int i = 0; i < extras; i++)
        {
            expected.Add(Extra(i), i);
        }

        Assert.Equal(expected.Count, map.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, int> pair in map)
        {
            seen.Add(pair.Key, pair.Value); // throws on a key yielded twice
        }

        Assert.Equal(expected.Count, seen.Count);
        Assert.Equal(0, map.DirtyCount);
        foreach (KeyValuePair<string, int> pair in expected)
        {
            Assert.True(seen.TryGetValue(pair.Key, out int enumerated) && enumerated == pair.Value, $"enumeration lost {pair.Key}");
            Assert.True(map.TryGetValue(pair.Key, out int value), $"lookup lost {pair.Key}");
            Assert.Equal(pair.Value, value);
        }
    }
}
