namespace MapGuard.Tests.Conformance;

public abstract partial class ConcurrentMapSuite
{
    public static TheoryData<ThrowingComparer.Fault, int> ComparerFaults => new()
    {
        { ThrowingComparer.Fault.InEquals, 13 },       // a present key
        { ThrowingComparer.Fault.InEquals, 1013 },     // an absent key that collides with present ones
        { ThrowingComparer.Fault.InGetHashCode, 13 },
        { ThrowingComparer.Fault.InGetHashCode, 1013 },
    };

    [Theory]
    [MemberData(nameof(ComparerFaults))]
    public void EveryCall_WhenTheComparerThrows_PropagatesAndLeavesTheMapAsItWas(ThrowingComparer.Fault fault, int poison)
    {
        SkipUnlessCustomComparers();
        var comparer = new ThrowingComparer();
        var map = Create<int, int>(comparer);
        for (int i = 0; i < 100; i++)
        {
            map[i] = i * 10;
        }

        var before = Snapshot(map);
        Action[] calls =
        [
            () => map[poison] = 1,
            () => _ = map[poison],
            () => map.TryGetValue(poison, out _),
            () => map.ContainsKey(poison),
            () => map.TryAdd(poison, 1),
            () => map.TryRemove(poison, out _),
            () => map.TryUpdate(poison, 1, poison * 10),
            () => map.GetOrAdd(poison, 1),
            () => map.GetOrAdd(poison, _ => 1),
            () => map.AddOrUpdate(poison, 1, (_, v) => v + 1),
            () => map.AddOrUpdate(poison, _ => 1, (_, v) => v + 1),
        ];

        foreach (Action call in calls)
        {
            comparer.Poison = poison;
            comparer.Mode = fault;
            Assert.Throws<InvalidOperationException>(call);
            comparer.Mode = ThrowingComparer.Fault.None;
            AssertUnchanged(before, map);
        }
    }

    [Fact]
    public void GetOrAdd_WhenTheFactoryThrows_PropagatesAndAddsNothing()
    {
        var map = Create<int, int>();
        map[1] = 10;
        var before = Snapshot(map);
        Assert.Throws<InvalidOperationException>(() => map.GetOrAdd(2, _ => throw new InvalidOperationException("factory")));
        AssertUnchanged(before, map);
    }

    [Fact]
    public void AddOrUpdate_WhenAFactoryThrows_PropagatesAndChangesNothing()
    {
        var map = Create<int, int>();
        map[1] = 10;
        var before = Snapshot(map);
        Assert.Throws<InvalidOperationException>(() => map.AddOrUpdate(1, 0, (_, _) => throw new InvalidOperationException("update")));
        Assert.Throws<InvalidOperationException>(() => map.AddOrUpdate(1, _ => 0, (_, _) => throw new InvalidOperationException("update")));
        Assert.Throws<InvalidOperationException>(() => map.AddOrUpdate(2, _ => throw new InvalidOperationException("add"), (_, v) => v));
        AssertUnchanged(before, map);
    }

    private static Dictionary<int, int> Snapshot(IConcurrentMap<int, int> map) => map.ToDictionary(p => p.Key, p => p.Value);

    private static void AssertUnchanged(Dictionary<int, int> before, IConcurrentMap<int, int> map)
    {
        Assert.Equal(before.Count, map.Count);
        Assert.Equal(before.OrderBy(p => p.Key), map.OrderBy(p => p.Key));
        foreach ((int key, int value) in before)
        {
            Assert.True(map.TryGetValue(key, out int actual) && actual == value, $"key {key} lost or changed");
        }
    }
}
