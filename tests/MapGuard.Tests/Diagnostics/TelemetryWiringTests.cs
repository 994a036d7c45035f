using System.Reflection;
using System.Runtime.CompilerServices;
using MapGuard.Bounded;
using MapGuard.Bounded.Policies;
using MapGuard.Telemetry;
using MapGuard.Testing.Detection;

namespace MapGuard.Tests.Diagnostics;

/// <summary>
/// How telemetry reaches a map: passed in when the builder builds it, counted inline by the map itself, and dropped
/// with the map. No wrapper, no table from maps to metrics.
/// </summary>
public sealed class TelemetryWiringTests
{
    public static TheoryData<MapStrategy, Type> StrategyTypes => new()
    {
        { MapStrategy.LockFree, typeof(LockFreeMap<string, int>) },
        { MapStrategy.Sharded, typeof(ShardedMap<string, int>) },
        { MapStrategy.ReadMostly, typeof(ReadMostlyMap<string, int>) },
        { MapStrategy.Locked, typeof(LockedMap<string, int>) },
        { MapStrategy.ConcurrentDictionary, typeof(ConcurrentDictionaryMap<string, int>) },
    };

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Theory]
    [MemberData(nameof(StrategyTypes))]
    public void WithMetrics_BuildsTheMapItself_AndItCountsItsOwnCalls(MapStrategy strategy, Type expected)
    {
        string name = UniqueName("inline");
        using var collector = new MetricsCollector(name);
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>().Use(strategy).Named(name).WithMetrics().Build();

        map["a"] = 1;
        map.TryGetValue("a", out _);
        map.TryGetValue("b", out _);

        Assert.IsType(expected, map); // no wrapper: the counts below come from the map's own methods
        Assert.NotNull(TelemetryOf(map));
        Assert.Equal(
            new Dictionary<string, double> { ["set/stored"] = 1, ["get/hit"] = 1, ["get/miss"] = 1 },
            collector.Operations());
    }

    [Theory]
    [MemberData(nameof(StrategyTypes))]
    public void WithoutMetrics_TheMapHoldsNoTelemetry(MapStrategy strategy, Type expected)
    {
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>().Use(strategy).Named(UniqueName("off")).Build();

        Assert.IsType(expected, map);
        Assert.Null(TelemetryOf(map));
    }

    public static TheoryData<MapStrategy, bool> StrategiesBoundedOrNot => new()
    {
        { MapStrategy.LockFree, false }, { MapStrategy.Sharded, false }, { MapStrategy.ReadMostly, false },
        { MapStrategy.Locked, false }, { MapStrategy.ConcurrentDictionary, false }, { MapStrategy.LockFree, true },
    };

    [Theory]
    [MemberData(nameof(StrategiesBoundedOrNot))]
    public void OnceMembers_CountOneLookupAndOneWrite_WhateverTheGateLooksUp(MapStrategy strategy, bool bounded)
    {
        string name = UniqueName("once");
        using var collector = new MetricsCollector(name);
        MapBuilder<string, int> builder = MapBuilder.For<string, int>().Use(strategy).Named(name).WithMetrics();
        IConcurrentMap<string, int> map = (bounded ? builder.WithCapacity(100) : builder).Build();

        map.GetOrAddOnce("a", _ => 1);                         // get/miss, add/stored
        map.GetOrAddOnce("a", _ => 2);                         // get/hit
        map.AddOrUpdateOnce("b", _ => 3, (_, v) => v + 1);     // update/stored
        map.AddOrUpdateOnce("b", _ => 3, (_, v) => v + 1);     // update/stored

        Assert.Equal(
            new Dictionary<string, double> { ["get/miss"] = 1, ["add/stored"] = 1, ["get/hit"] = 1, ["update/stored"] = 2 },
            collector.Operations());
        Assert.Equal(4, map["b"]);
    }

    [Fact]
    public void RuledGetOrAdd_CountsAHitWithoutTheRules_AndARefusedFactoryResultAsRejected()
    {
        string name = UniqueName("ruled");
        using var collector = new MetricsCollector(name);
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>().Named(name).WithValueRule("positive", v => v > 0)
            .WithMetrics().Build();

        map["a"] = 1;                                                               // set/stored
        Assert.Equal(1, map.GetOrAdd("a", -5));                                     // get/hit: a present key adds nothing
        Assert.Throws<MapPolicyViolationException>(() => map.GetOrAdd("b", _ => -1)); // get/miss, add/rejected
        Assert.Throws<MapPolicyViolationException>(() => map.TryAdd("c", -1));        // add/rejected

        Assert.Equal(
            new Dictionary<string, double> { ["set/stored"] = 1, ["get/hit"] = 1, ["get/miss"] = 1, ["add/rejected"] = 2 },
            collector.Operations());
    }

    [Fact]
    public void ASeries_NeverGoesDown_WhenALostIncrementLowersItsSum()
    {
        // Two threads sharing a stripe can lose an increment after a collection saw it; the series must not step back
        // (a monitoring system would read that as a restart), and must never report more than was counted.
        var telemetry = new MapTelemetry(UniqueName("monotonic"), sink: null);
        for (int i = 0; i < 3; i++)
        {
            telemetry.Count(MapCount.GetHit);
        }

        Assert.Equal(3, GetHits(telemetry));
        ref long cell = ref telemetry.CallerCell(MapCount.GetHit); // this thread's stripe, where the three went
        Assert.Equal(3, cell);
        cell = 1; // two increments lost, as a racing plain store would lose them
        Assert.Equal(3, GetHits(telemetry));

        for (int i = 0; i < 5; i++)
        {
            telemetry.Count(MapCount.GetHit);
        }

        Assert.Equal(6, GetHits(telemetry)); // the sum again, once it passes what was reported

        static long GetHits(MapTelemetry telemetry) =>
            MapGuard.Diagnostics.OperationCounts.Of(telemetry)
                .Single(c => c.Series == (MapGuard.Diagnostics.MapOperation.Get, MapGuard.Diagnostics.MapOutcome.Hit)).Value;
    }

    [Theory]
    [MemberData(nameof(StrategyTypes))]
    public void AGetOrAddWhoseFactoryThrows_CountsItsMiss_AndNoAdd(MapStrategy strategy, Type expected)
    {
        // A call counts once it returns: the lookup missed, the add never happened.
        string name = UniqueName("throwing");
        using var collector = new MetricsCollector(name);
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>().Use(strategy).Named(name).WithMetrics().Build();

        Assert.IsType(expected, map);
        Assert.Throws<InvalidOperationException>(() => map.GetOrAdd("a", _ => throw new InvalidOperationException("factory")));
        Assert.Equal(2, map.GetOrAdd("b", _ => 2));

        Assert.Equal(
            new Dictionary<string, double> { ["get/miss"] = 2, ["add/stored"] = 1 },
            collector.Operations());
    }

    [Fact]
    public void OperationCells_FitInAStripeBelowTheEvictionCells()
    {
        // MapTelemetry's stripe is 32 cells: the operation cells first, the eviction cells from 16 (one per reason).
        Assert.True(Enum.GetValues<MapCount>().Length <= 16);
        Assert.True(Enum.GetValues<EvictionReason>().Length <= 16);
    }

    [Fact]
    public void BoundedMap_TakesTheTelemetryPolicyAsATypeArgument()
    {
        IConcurrentMap<long, long> off = MapBuilder.For<long, long>().WithCapacity(10).Build();
        IConcurrentMap<long, long> on = MapBuilder.For<long, long>().Named(UniqueName("bounded")).WithCapacity(10).WithMetrics().Build();

        Assert.IsType<BoundedMap<long, long, TinyLfuPolicy<long, long>, NoTelemetry>>(off);
        Assert.IsType<BoundedMap<long, long, TinyLfuPolicy<long, long>, CountingTelemetry>>(on);
    }

    [Fact]
    public void Resizes_LandInTheCountersOfTheMapThatResized()
    {
        // LockFreeMap starts at 16 slots and doubles past 6 and 12 claims (MetricsTests.Resizes_AreCountedExactlyAndTimed).
        string first = UniqueName("resizes-a");
        string second = UniqueName("resizes-b");
        using var firstCollector = new MetricsCollector(first);
        using var secondCollector = new MetricsCollector(second);
        IConcurrentMap<int, int> a = MapBuilder.For<int, int>().Named(first).WithMetrics().Build();
        IConcurrentMap<int, int> b = MapBuilder.For<int, int>().Named(second).WithMetrics().Build();

        for (int i = 0; i < 7; i++)
        {
            a[i] = i; // one resize
        }

        for (int i = 0; i < 13; i++)
        {
            b[i] = i; // two resizes
        }

        Assert.Equal(1, Assert.Single(firstCollector.Collect(MapGuardMeter.Resizes)).Value);
        Assert.Single(firstCollector.Collect(MapGuardMeter.ResizeDuration));
        Assert.Equal(2, Assert.Single(secondCollector.Collect(MapGuardMeter.Resizes)).Value);
        Assert.Equal(2, secondCollector.Collect(MapGuardMeter.ResizeDuration).Count);
    }

    [Fact]
    public void HashFlooding_CountsUnderTheNameOfTheFloodedMapOnly()
    {
        string flooded = UniqueName("flood-a");
        string quiet = UniqueName("flood-b");
        using var floodedCollector = new MetricsCollector(flooded);
        using var quietCollector = new MetricsCollector(quiet);
        IConcurrentMap<string, int> a = MapBuilder.For<string, int>().UseSharded().WithComparer(new SameHash()).Named(flooded).WithMetrics().Build();
        IConcurrentMap<string, int> b = MapBuilder.For<string, int>().UseSharded().WithComparer(new SameHash()).Named(quiet).WithMetrics().Build();

        for (int i = 0; i < 50; i++)
        {
            a[$"key-{i}"] = i; // inserts 9..49 pass the bound of 8
        }

        for (int i = 0; i < 5; i++)
        {
            b[$"key-{i}"] = i; // never more than 4 collisions
        }

        Assert.Equal(50 - HashFloodMonitor.CollisionBound - 1, Assert.Single(floodedCollector.Collect(MapGuardMeter.HashCollisions)).Value);
        Assert.Empty(quietCollector.Collect(MapGuardMeter.HashCollisions));
    }

    [Fact]
    public async Task ContendedLockWait_LandsInTheHistogramOfTheContendedMapOnly()
    {
        string contended = UniqueName("lock-a");
        string calm = UniqueName("lock-b");
        using var contendedCollector = new MetricsCollector(contended);
        using var calmCollector = new MetricsCollector(calm);
        using var gate = new GateComparer();
        IConcurrentMap<int, int> a = MapBuilder.For<int, int>().UseLocked().WithComparer(gate).Named(contended).WithMetrics().Build();
        IConcurrentMap<int, int> b = MapBuilder.For<int, int>().UseLocked().Named(calm).WithMetrics().Build();

        b[1] = 1; // b has telemetry, and its lock is never contended

        // One writer parks inside a's lock (hashing the gate key); a second writer must wait for it.
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        var holder = Task.Run(() => a[GateComparer.GateKey] = 0, cancellation);
        Assert.True(gate.Entered.Wait(TimeSpan.FromSeconds(10), cancellation));
        var waiter = Task.Run(() => a[2] = 2, cancellation);
        await Task.Delay(100, cancellation);
        gate.Release.Set();
        await Task.WhenAll(holder, waiter).WaitAsync(TimeSpan.FromSeconds(10), cancellation);

        // Another test's listener reading a's entries gauge while a is held also waits; the writer's wait is the long one.
        var waits = contendedCollector.Collect(MapGuardMeter.LockWait);
        Assert.Contains(waits, w => w.Value is >= 0.01 and <= 30);
        Assert.Empty(calmCollector.Collect(MapGuardMeter.LockWait));
    }

    [Fact]
    public void TelemetryOfACollectedMap_LeavesTheLiveSet()
    {
        string name = UniqueName("collected");
        using var collector = new MetricsCollector(name);
        WeakReference telemetry = BuildUseAndDrop(name);

        for (int i = 0; i < 10 && telemetry.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(telemetry.IsAlive, "the telemetry of an unreachable map was kept alive");
        Assert.DoesNotContain(MapTelemetry.Live.Snapshot(), t => t.Name == name);
        Assert.Empty(collector.Collect(MapGuardMeter.Operations));
        Assert.Empty(collector.Collect(MapGuardMeter.Entries));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference BuildUseAndDrop(string name)
    {
        IConcurrentMap<int, int> map = MapBuilder.For<int, int>().Named(name).WithMetrics().Build();
        map[1] = 1;
        MapTelemetry telemetry = Assert.IsType<MapTelemetry>(TelemetryOf(map));
        Assert.Contains(telemetry, MapTelemetry.Live.Snapshot());
        return new WeakReference(telemetry);
    }

    /// <summary>The telemetry a map counts its operations into: its private field, read here so the map needs no accessor.</summary>
    private static object? TelemetryOf(object map) =>
        map.GetType().GetField("_telemetry", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(map);

    private sealed class SameHash : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => 7;
    }
}
