namespace MapGuard.Tests.Detection;

/// <summary>GuardedDictionary behaves as a Dictionary when used correctly: same results, same exceptions.</summary>
public sealed class GuardedDictionaryTests
{
    [Fact]
    public void BasicOperations_MatchDictionary()
    {
        var map = new GuardedDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var reference = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (IDictionary<string, int> d in new IDictionary<string, int>[] { map, reference })
        {
            d.Add("a", 1);
            d["B"] = 2;
            d["b"] = 3;
            d.Add(new KeyValuePair<string, int>("c", 4));
            d.Remove("A");
        }

        Assert.Equal(reference.OrderBy(p => p.Key), map.OrderBy(p => p.Key));
        Assert.Equal(2, map.Count);
        Assert.True(map.TryAdd("d", 5));
        Assert.False(map.TryAdd("D", 6));
        Assert.True(map.Remove("d", out int removed));
        Assert.Equal(5, removed);
        Assert.False(map.Remove("d", out _));
        Assert.True(map.ContainsKey("C"));
        Assert.True(map.ContainsValue(3));
        Assert.False(map.ContainsValue(1));
        Assert.True(map.TryGetValue("b", out int value));
        Assert.Equal(3, value);
        Assert.Same(StringComparer.OrdinalIgnoreCase, map.Comparer);
    }

    [Theory]
    [InlineData(GuardMode.Throw)]
    [InlineData(GuardMode.Report)]
    public void OrdinalStringSets_OfPresentAndNewKeys_MatchDictionary_AndEveryWriteReleasesItsClaim(GuardMode mode)
    {
        // Sets of present ordinal-string keys overwrite through the entry's reference with no exception handler; sets
        // of new keys take the handler path. Both must leave what Dictionary leaves, and both must release the claim:
        // a write that left its window open would be reported by the other thread's writes below.
        var map = new GuardedDictionary<string, int>(0, StringComparer.Ordinal, new GuardOptions { Mode = mode, BiasAfterWrites = 16 });
        var reference = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < 2_000; i++)
        {
            string key = $"order-{i % 700:D9}";
            map[key] = i;
            reference[key] = i;
        }

        Exception? error = null;
        var other = new Thread(() =>
        {
            try
            {
                for (int i = 0; i < 100; i++)
                {
                    map[$"order-{i:D9}"] = -i; // present keys
                    map[$"sku-{i}"] = i; // new keys
                }
            }
            catch (ConcurrentAccessException e)
            {
                error = e;
            }
        });
        other.Start();
        other.Join();
        Assert.Null(error);
        for (int i = 0; i < 100; i++)
        {
            reference[$"order-{i:D9}"] = -i;
            reference[$"sku-{i}"] = i;
        }

        Assert.Equal(reference, map); // insertion order and values
        Assert.Equal(0, map.ViolationCount);
        Assert.False(map.IsSerialized);
    }

    [Fact]
    public void Views_AreLiveAndReadOnly()
    {
        var map = new GuardedDictionary<int, string> { [1] = "one", [2] = "two" };
        var keys = map.Keys;
        map[3] = "three";

        Assert.Equal([1, 2, 3], keys.Order());
        Assert.Equal(["one", "three", "two"], map.Values.Order());
        Assert.Contains(2, keys);
        Assert.Contains("two", map.Values);
        Assert.Equal(3, keys.Count);
        var copy = new int[4];
        keys.CopyTo(copy, 1);
        Assert.Equal([0, 1, 2, 3], copy.Order());
        Assert.Throws<NotSupportedException>(() => ((ICollection<int>)keys).Add(4));
        Assert.Throws<NotSupportedException>(() => ((ICollection<string>)map.Values).Clear());
    }

    [Fact]
    public void CollectionInterfaces_MatchDictionary()
    {
        var map = new GuardedDictionary<int, int>([new(1, 10), new(2, 20)]);
        ICollection<KeyValuePair<int, int>> pairs = map;

        Assert.False(pairs.IsReadOnly);
        Assert.Contains(new KeyValuePair<int, int>(1, 10), pairs);
        Assert.DoesNotContain(new KeyValuePair<int, int>(1, 11), pairs);
        Assert.False(pairs.Remove(new KeyValuePair<int, int>(1, 11)));
        Assert.True(pairs.Remove(new KeyValuePair<int, int>(1, 10)));
        var array = new KeyValuePair<int, int>[1];
        pairs.CopyTo(array, 0);
        Assert.Equal(new KeyValuePair<int, int>(2, 20), array[0]);

        IReadOnlyDictionary<int, int> readOnly = map;
        Assert.Equal([2], readOnly.Keys);
        Assert.Equal([20], readOnly.Values);
    }

    [Fact]
    public void Exceptions_MatchDictionary()
    {
        var map = new GuardedDictionary<string, int> { ["a"] = 1 };

        Assert.Throws<ArgumentException>(() => map.Add("a", 2));
        Assert.Throws<KeyNotFoundException>(() => map["zzz"]);
        Assert.Throws<ArgumentNullException>(() => map.Add(null!, 1));
        Assert.Throws<ArgumentNullException>(() => map.TryGetValue(null!, out _));
        Assert.Throws<ArgumentNullException>(() => map.Remove(null!));
        Assert.Throws<ArgumentNullException>(() => map.Remove(null!, out _));
        Assert.Throws<ArgumentNullException>(() => map[null!] = 1);
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new GuardedDictionary<int, int>(-1)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GuardedDictionary<int, int>(new GuardOptions { Mode = (GuardMode)7 }));

        // A failed operation releases the guard: the next one runs normally.
        map.Add("b", 2);
        Assert.Equal(2, map.Count);
        Assert.Equal(0, map.ViolationCount);
    }

    [Fact]
    public void CapacityMethods_MatchDictionary()
    {
        var map = new GuardedDictionary<int, int>(100);
        Assert.True(map.Capacity >= 100);
        Assert.True(map.EnsureCapacity(1000) >= 1000);
        map[1] = 1;
        map.TrimExcess(50);
        Assert.InRange(map.Capacity, 50, 999);
        map.TrimExcess();
        Assert.InRange(map.Capacity, 1, 49);
        Assert.Throws<ArgumentOutOfRangeException>(() => map.TrimExcess(-1));
        map.Clear();
        Assert.Empty(map);
    }

    [Fact]
    public void Enumerator_WhenTheSameThreadWritesBetweenSteps_ThrowsLikeDictionary()
    {
        var map = new GuardedDictionary<int, int> { [1] = 1, [2] = 2 };
        using var enumerator = map.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        map[3] = 3;

        var ex = Assert.Throws<InvalidOperationException>(() => enumerator.MoveNext());
        Assert.IsNotType<ConcurrentAccessException>(ex);
        Assert.Equal(0, map.ViolationCount);
    }

    [Fact]
    public void Enumerator_YieldsEveryEntryAndResets()
    {
        var map = new GuardedDictionary<int, int>();
        for (int i = 0; i < 100; i++)
        {
            map[i] = i * 2;
        }

        var enumerator = map.GetEnumerator();
        int seen = 0;
        while (enumerator.MoveNext())
        {
            Assert.Equal(enumerator.Current.Key * 2, enumerator.Current.Value);
            seen++;
        }

        enumerator.Reset();
        Assert.True(enumerator.MoveNext());
        Assert.Equal(100, seen);
    }

    [Fact]
    public void Defaults_AreThrowModeUnnamedAndUnserialized()
    {
        var map = new GuardedDictionary<int, int>();
        Assert.Equal(GuardMode.Throw, map.Mode);
        Assert.Equal("unnamed", map.Name);
        Assert.False(map.IsSerialized);
        Assert.Equal("orders", new GuardedDictionary<int, int>(new GuardOptions { Name = "orders" }).Name);
    }
}
