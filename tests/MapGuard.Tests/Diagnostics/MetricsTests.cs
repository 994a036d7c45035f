using MapGuard.Testing.Detection;
using Microsoft.Extensions.Time.Testing;

namespace MapGuard.Tests.Diagnostics;

public sealed class MetricsTests
{
    public static TheoryData<MapStrategy> Strategies => [.. Enum.GetValues<MapStrategy>()];

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Theory]
    [MemberData(nameof(Strategies))]
    public void KnownSequence_GivesExactOperationCountsAndEntries(MapStrategy strategy)
    {
        string name = UniqueName("ops");
        using var collector = new MetricsCollector(name);
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>().Use(strategy).Named(name).WithMetrics().Build();

        map.TryAdd("a", 1);                 // add/stored
        map.TryAdd("a", 2);                 // add/rejected (present)
        map.TryGetValue("a", out _);        // get/hit
        map.TryGetValue("b", out _);        // get/miss
        _ = map.ContainsKey("a");           // get/hit
        map["c"] = 3;                       // set/stored
        map["c"] = 4;                       // set/stored
        map.TryUpdate("c", 5, 4);           // update/stored
        map.TryUpdate("c", 6, 99);          // update/miss
        map.GetOrAdd("c", 7);               // get/hit
        map.GetOrAdd("d", _ => 8);          // get/miss, add/stored
        map.AddOrUpdate("e", 9, (_, v) => v + 1); // update/stored
        map.TryRemove("a", out _);          // remove/hit
        map.TryRemove("zz", out _);         // remove/miss

        Assert.Equal(
            new Dictionary<string, double>
            {
                ["add/stored"] = 2, ["add/rejected"] = 1,
                ["get/hit"] = 3, ["get/miss"] = 2,
                ["set/stored"] = 2,
                ["update/stored"] = 2, ["update/miss"] = 1,
                ["remove/hit"] = 1, ["remove/miss"] = 1,
            },
            collector.Operations());
        Assert.Equal(3, Assert.Single(collector.Collect(MapGuardMeter.Entries)).Value); // c, d, e
    }

    [Fact]
    public void RuleAndCapacityRefusals_CountAsRejected()
    {
        string name = UniqueName("refused");
        using var collector = new MetricsCollector(name);
        IConcurrentMap<int, int> map = MapBuilder.For<int, int>().Named(name).WithKeyRule("positive", k => k > 0)
            .WithCapacity(1, Eviction.Reject).WithMetrics().Build();

        map[1] = 1;                                                        // set/stored
        Assert.Throws<MapPolicyViolationException>(() => map[-1] = 1);     // set/rejected
        Assert.Throws<CapacityExceededException>(() => map[2] = 2);        // set/rejected
        Assert.False(map.TryAdd(3, 3));                                    // add/rejected

        Assert.Equal(
            new Dictionary<string, double> { ["set/stored"] = 1, ["set/rejected"] = 2, ["add/rejected"] = 1 },
            collector.Operations());
    }

    [Fact]
    public void Evictions_AreCountedByReason()
    {
        string name = UniqueName("evictions");
        var clock = new FakeTimeProvider();
        using var collector = new MetricsCollector(name);
        IConcurrentMap<int, int> map = MapBuilder.For<int, int>().Named(name).WithCapacity(2, Eviction.Lru)
            .ExpireAfterWrite(TimeSpan.FromMinutes(1)).UseTimeProvider(clock).WithMetrics().Build();
        for (int i = 0; i < 5; i++)
        {
            map[i] = i; // the 3rd, 4th and 5th each evict one for capacity
        }

        clock.Advance(TimeSpan.FromMinutes(2)); // the sweep timer expires the last two
        Assert.Equal(0, map.Count);

        var evictions = collector.Collect(MapGuardMeter.Evictions).ToDictionary(m => (string)m.Tags[MapGuardMeter.ReasonTag]!, m => m.Value);
        Assert.Equal(new Dictionary<string, double> { ["capacity"] = 3, ["expired"] = 2 }, evictions);
    }

    [Theory]
    // LockFreeMap starts at 16 slots and doubles when its claims pass 3/8 of a table up to 2^16 slots, 3/4 above:
    // thresholds 6, 12, 24, ..., 24,576 (2^16), 98,304 (2^17), 196,608 (2^18).
    [InlineData(MapStrategy.LockFree, 6, 0)]
    [InlineData(MapStrategy.LockFree, 7, 1)]
    [InlineData(MapStrategy.LockFree, 13, 2)]
    [InlineData(MapStrategy.LockFree, 100_000, 14)] // 16 -> 262,144 slots
    // One shard starts at 4 buckets and doubles when its count passes half the buckets up to 1,024, all of them above:
    // it grows on the 3rd, 5th, 9th, ..., 513th, then 2,049th, 4,097th, ..., 65,537th key.
    [InlineData(MapStrategy.Sharded, 2, 0)]
    [InlineData(MapStrategy.Sharded, 3, 1)]
    [InlineData(MapStrategy.Sharded, 100_000, 15)] // 4 -> 131,072 buckets
    public void Resizes_AreCountedExactlyAndTimed(MapStrategy strategy, int keys, int expectedResizes)
    {
        string name = UniqueName("resizes");
        using var collector = new MetricsCollector(name);
        MapBuilder<int, int> builder = strategy == MapStrategy.Sharded
            ? MapBuilder.For<int, int>().UseSharded(shardCount: 1) // one shard, so the growth does not depend on the hash seed
            : MapBuilder.For<int, int>().Use(strategy);
        IConcurrentMap<int, int> map = builder.Named(name).WithMetrics().Build();
        for (int i = 0; i < keys; i++)
        {
            map[i] = i;
        }

        double resizes = Assert.Single(collector.Collect(MapGuardMeter.Resizes)).Value;
        Assert.Equal(expectedResizes, resizes);
        var durations = collector.Collect(MapGuardMeter.ResizeDuration);
        Assert.Equal(expectedResizes, durations.Count); // one duration per resize
        Assert.All(durations, d => Assert.True(d.Value >= 0));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ContendedLock_RecordsTheWait_UncontendedRecordsNothing(bool bounded)
    {
        // Both maps hash the key inside their lock: a bounded map's one lock, and LockedMap's lock around a Dictionary.
        string name = UniqueName("lock");
        using var collector = new MetricsCollector(name);
        using var gate = new GateComparer();
        MapBuilder<int, int> builder = MapBuilder.For<int, int>().Named(name).WithComparer(gate).WithMetrics();
        IConcurrentMap<int, int> map = bounded ? builder.WithCapacity(100).Build() : builder.UseLocked().Build();
        gate.Armed = false;
        map[1] = 1;
        Assert.Empty(collector.Collect(MapGuardMeter.LockWait));

        // One writer parks inside the map's lock (hashing the gate key: TryAdd looks for it under the lock, where a
        // bounded map's Set would first look without it); a second writer must wait for it.
        gate.Armed = true;
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        var holder = Task.Run(() => map.TryAdd(GateComparer.GateKey, 0), cancellation);
        Assert.True(gate.Entered.Wait(TimeSpan.FromSeconds(10), cancellation));
        var waiter = Task.Run(() => map[2] = 2, cancellation);
        await Task.Delay(50, cancellation);
        gate.Release.Set();
        await Task.WhenAll(holder, waiter).WaitAsync(TimeSpan.FromSeconds(10), cancellation);

        var waits = collector.Collect(MapGuardMeter.LockWait);
        Assert.InRange(Assert.Single(waits).Value, 0.01, 30);
    }

    [Fact]
    public void WithoutMetrics_TheMapIsNotWrappedAndReportsNothing()
    {
        string name = UniqueName("quiet");
        using var collector = new MetricsCollector(name);
        IConcurrentMap<int, int> map = MapBuilder.For<int, int>().Named(name).Build();
        map[1] = 1;
        map.TryGetValue(1, out _);

        Assert.IsType<LockFreeMap<int, int>>(map);
        Assert.Empty(collector.Collect(MapGuardMeter.Operations));
        Assert.Empty(collector.Collect(MapGuardMeter.Entries));
    }
}
