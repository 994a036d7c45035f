namespace MapGuard.Tests.Conformance;

public abstract partial class ConcurrentMapSuite
{
    [Fact]
    public void Indexer_Get_WhenKeyAbsent_ThrowsKeyNotFoundException()
    {
        var map = Create<int, string>();
        Assert.Throws<KeyNotFoundException>(() => map[42]);
    }

    [Fact]
    public void Indexer_Set_AddsThenOverwrites()
    {
        var map = Create<int, string>();
        map[1] = "a";
        map[1] = "b";
        Assert.Equal("b", map[1]);
        Assert.Equal(1, map.Count);
    }

    [Fact]
    public void EveryMember_WhenKeyIsNull_ThrowsArgumentNullExceptionNamingKey()
    {
        var map = Create<string, int>();
        map["present"] = 1;
        Action[] calls =
        [
            () => _ = map[null!],
            () => map[null!] = 1,
            () => map.TryGetValue(null!, out _),
            () => map.TryAdd(null!, 1),
            () => map.TryRemove(null!, out _),
            () => map.TryUpdate(null!, 2, 1),
            () => map.GetOrAdd(null!, 1),
            () => map.GetOrAdd(null!, _ => 1),
            () => map.AddOrUpdate(null!, 1, (_, v) => v),
            () => map.AddOrUpdate(null!, _ => 1, (_, v) => v),
            () => map.ContainsKey(null!),
        ];

        foreach (Action call in calls)
        {
            Assert.Equal("key", Assert.Throws<ArgumentNullException>(call).ParamName);
        }

        Assert.Equal(1, map.Count);
        Assert.Equal(1, map["present"]);
    }

    [Fact]
    public void Factories_WhenNull_ThrowArgumentNullExceptionAndLeaveMapUnchanged()
    {
        var map = Create<int, int>();
        Assert.Equal("valueFactory", Assert.Throws<ArgumentNullException>(() => map.GetOrAdd(1, (Func<int, int>)null!)).ParamName);
        Assert.Equal("updateValueFactory", Assert.Throws<ArgumentNullException>(() => map.AddOrUpdate(1, 1, null!)).ParamName);
        Assert.Equal("addValueFactory", Assert.Throws<ArgumentNullException>(() => map.AddOrUpdate(1, null!, (_, v) => v)).ParamName);
        Assert.True(map.IsEmpty);
    }

    [Fact]
    public void TryAdd_WhenKeyExists_ReturnsFalseAndKeepsValue()
    {
        var map = Create<int, string>();
        Assert.True(map.TryAdd(7, "first"));
        Assert.False(map.TryAdd(7, "second"));
        Assert.Equal("first", map[7]);
        Assert.Equal(1, map.Count);
    }

    [Fact]
    public void TryGetValue_ReturnsStoredValueOrFalse()
    {
        var map = Create<int, string>();
        map[3] = "three";
        Assert.True(map.TryGetValue(3, out string? found));
        Assert.Equal("three", found);
        Assert.False(map.TryGetValue(4, out string? missing));
        Assert.Null(missing);
        Assert.True(map.ContainsKey(3));
        Assert.False(map.ContainsKey(4));
    }

    [Fact]
    public void TryRemove_WhenPresent_ReturnsValueAndRemoves_WhenAbsent_ReturnsFalse()
    {
        var map = Create<int, string>();
        map[1] = "one";
        Assert.True(map.TryRemove(1, out string? removed));
        Assert.Equal("one", removed);
        Assert.False(map.ContainsKey(1));
        Assert.False(map.TryRemove(1, out _));
        Assert.True(map.IsEmpty);
    }

    [Fact]
    public void TryUpdate_ComparesWithTheValueTypesDefaultComparer()
    {
        var map = Create<int, string>();
        map[1] = "value";

        // An equal string that is a different instance still matches: equality, not reference identity.
        string equalButDistinct = new([.. "value"]);
        Assert.True(map.TryUpdate(1, "next", equalButDistinct));
        Assert.Equal("next", map[1]);
    }

    [Fact]
    public void TryUpdate_WhenComparisonDiffersOrKeyAbsent_ReturnsFalseAndChangesNothing()
    {
        var map = Create<int, int>();
        map[1] = 10;
        Assert.False(map.TryUpdate(1, 20, 11));
        Assert.False(map.TryUpdate(2, 20, 0));
        Assert.Equal(10, map[1]);
        Assert.False(map.ContainsKey(2));
        Assert.Equal(1, map.Count);
    }

    [Fact]
    public void GetOrAdd_WhenKeyExists_ReturnsExistingValueAndSkipsFactory()
    {
        var map = Create<int, string>();
        map[1] = "existing";
        Assert.Equal("existing", map.GetOrAdd(1, "new"));
        Assert.Equal("existing", map.GetOrAdd(1, _ => throw new InvalidOperationException("factory must not run")));
        Assert.Equal(1, map.Count);
    }

    [Fact]
    public void GetOrAdd_WhenKeyAbsent_AddsAndReturnsTheNewValue()
    {
        var map = Create<int, string>();
        Assert.Equal("v2", map.GetOrAdd(2, "v2"));
        Assert.Equal("k3", map.GetOrAdd(3, k => $"k{k}"));
        Assert.Equal("v2", map[2]);
        Assert.Equal("k3", map[3]);
    }

    [Fact]
    public void AddOrUpdate_AddsWhenAbsentAndUpdatesWhenPresent()
    {
        var map = Create<string, int>();
        Assert.Equal(1, map.AddOrUpdate("a", 1, (_, v) => v + 1));
        Assert.Equal(2, map.AddOrUpdate("a", 1, (_, v) => v + 1));
        Assert.Equal(5, map.AddOrUpdate("b", k => k.Length + 4, (_, v) => v + 1));
        Assert.Equal(6, map.AddOrUpdate("b", _ => throw new InvalidOperationException("add factory must not run"), (_, v) => v + 1));
        Assert.Equal(2, map["a"]);
        Assert.Equal(6, map["b"]);
    }

    [Fact]
    public void CustomComparer_CaseInsensitiveKeysAreOneKey()
    {
        SkipUnlessCustomComparers();
        var map = Create<string, int>(StringComparer.OrdinalIgnoreCase);
        map["Key"] = 1;
        Assert.False(map.TryAdd("KEY", 2));
        Assert.True(map.TryGetValue("key", out int value));
        Assert.Equal(1, value);
        Assert.True(map.TryUpdate("kEy", 3, 1));
        Assert.Equal(3, map["KEY"]);
        Assert.True(map.TryRemove("KEY", out _));
        Assert.True(map.IsEmpty);
    }

    [Fact]
    public void Count_IsEmpty_And_Clear_TrackTheEntries()
    {
        var map = Create<int, int>();
        Assert.True(map.IsEmpty);
        Assert.Equal(0, map.Count);
        for (int i = 0; i < 1000; i++)
        {
            map[i] = i;
        }

        Assert.False(map.IsEmpty);
        Assert.Equal(1000, map.Count);
        map.Clear();
        Assert.True(map.IsEmpty);
        Assert.Equal(0, map.Count);
        Assert.Empty(map);
        map[5] = 5;
        Assert.Equal(1, map.Count);
    }

    [Fact]
    public void Enumeration_OfAQuiescentMap_YieldsEveryEntryOnce()
    {
        var map = Create<long, long>();
        int entries = Scaled(50_000);
        for (long i = 0; i < entries; i++)
        {
            map[i] = -i;
        }

        var seen = map.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(entries, seen.Count);
        Assert.All(seen, p => Assert.Equal(-p.Key, p.Value));
    }

    [Fact]
    public async Task Enumeration_WhileOtherThreadsWrite_NeverThrowsAndYieldsEveryUntouchedKeyOnce()
    {
        var map = Create<long, long>();
        const int Untouched = 2_000;
        for (long i = 0; i < Untouched; i++)
        {
            map[i] = i;
        }

        using var cts = new CancellationTokenSource();
        Task[] writers =
        [
            .. Enumerable.Range(0, 2).Select(w => Task.Run(() =>
            {
                long next = 1_000_000 * (w + 1);
                var random = new Random(w);
                while (!cts.IsCancellationRequested)
                {
                    long key = next + random.Next(20_000);
                    if (random.Next(2) == 0)
                    {
                        map[key] = key;
                    }
                    else
                    {
                        map.TryRemove(key, out _);
                    }
                }
            }, TestContext.Current.CancellationToken)),
        ];

        try
        {
            for (int pass = 0; pass < Scaled(40); pass++)
            {
                var counts = new Dictionary<long, int>();
                foreach (KeyValuePair<long, long> pair in map)
                {
                    if (pair.Key < Untouched)
                    {
                        Assert.Equal(pair.Key, pair.Value);
                        counts[pair.Key] = counts.GetValueOrDefault(pair.Key) + 1;
                    }
                }

                Assert.Equal(Untouched, counts.Count);
                Assert.All(counts, c => Assert.Equal(1, c.Value));
            }
        }
        finally
        {
            cts.Cancel();
            await Task.WhenAll(writers);
        }
    }

    [Fact]
    public void LargeFill_ThroughManyResizes_KeepsEveryEntry()
    {
        var map = Create<int, int>();
        int entries = Scaled(200_000);
        for (int i = 0; i < entries; i++)
        {
            Assert.True(map.TryAdd(i, i * 3));
        }

        Assert.Equal(entries, map.Count);
        for (int i = 0; i < entries; i += 7)
        {
            Assert.Equal(i * 3, map[i]);
        }
    }

    [Fact]
    public void WideStructValues_RoundTripThroughEveryWrite()
    {
        var map = Create<int, (long A, long B, long C)>();
        map[1] = (1, 2, 3);
        Assert.True(map.TryUpdate(1, (4, 5, 6), (1, 2, 3)));
        Assert.Equal((5L, 6L, 7L), map.AddOrUpdate(1, (0, 0, 0), (_, v) => (v.A + 1, v.B + 1, v.C + 1)));
        Assert.Equal((5L, 6L, 7L), map.GetOrAdd(1, (9, 9, 9)));
        Assert.True(map.TryRemove(1, out var removed));
        Assert.Equal((5L, 6L, 7L), removed);
    }

    [Fact]
    public void Clear_RepeatedDuringConcurrentWrites_LeavesCountEqualToTheEnumeration()
    {
        var map = Create<int, int>();
        using var stop = new CancellationTokenSource();
        var writer = new Thread(() =>
        {
            var random = new Random(3);
            while (!stop.IsCancellationRequested)
            {
                int key = random.Next(5_000);
                if (random.Next(3) == 0)
                {
                    map.TryRemove(key, out _);
                }
                else
                {
                    map[key] = key;
                }
            }
        });
        writer.Start();
        for (int i = 0; i < 200; i++)
        {
            map.Clear();
            Thread.Yield();
        }

        stop.Cancel();
        writer.Join();
        Assert.Equal(MapGuard.Testing.Stress.StressScenarios.CountByEnumeration(map), map.Count);
        Assert.All(map, p => Assert.Equal(p.Key, p.Value));
    }
}
