using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MapGuard.Benchmarks.Governance;

namespace MapGuard.Benchmarks.Diagnostics;

/// <summary>
/// What counting adds to one call, on one thread and a hot map (1,024 keys, so no cache misses hide it): each map
/// built without and with <c>WithMetrics()</c>. A metered map counts inline in its own methods (docs/design/metrics.md),
/// so the difference is the count alone: find the stripe, bump a cell, and on a miss a second cell. Both are called
/// through <see cref="IConcurrentMap{TKey, TValue}"/>, as the grid's harness calls them. Each invocation makes 1,024
/// calls. This settles a cell of <see cref="Governance.MetricsOverheadBenchmarks"/> whose spread is wider than 5%.
/// </summary>
/// <remarks>Run: dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*MeteredCall*' --launchCount 5</remarks>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class MeteredCallBenchmarks
{
    private const int Keys = 1_024;

    private readonly long[] _keys = new long[Keys];
    private IConcurrentMap<long, long> _bare = null!;
    private IConcurrentMap<long, long> _metered = null!;

    [Params(
        MeteredMapKind.LockFree,
        MeteredMapKind.Sharded,
        MeteredMapKind.ReadMostly,
        MeteredMapKind.Locked,
        MeteredMapKind.TinyLfu,
        MeteredMapKind.Lru)]
    public MeteredMapKind Map { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (int i = 0; i < Keys; i++)
        {
            _keys[i] = random.NextInt64();
        }

        _bare = Fill(MeteredMaps.Build(Map, metrics: false, "metered-call"));
        _metered = Fill(MeteredMaps.Build(Map, metrics: true, "metered-call"));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys)]
    [BenchmarkCategory("get")]
    public long Get_Bare() => Get(_bare);

    [Benchmark(OperationsPerInvoke = Keys)]
    [BenchmarkCategory("get")]
    public long Get_Metered() => Get(_metered);

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys)]
    [BenchmarkCategory("set")]
    public void Set_Bare() => Set(_bare);

    [Benchmark(OperationsPerInvoke = Keys)]
    [BenchmarkCategory("set")]
    public void Set_Metered() => Set(_metered);

    private IConcurrentMap<long, long> Fill(IConcurrentMap<long, long> map)
    {
        foreach (long key in _keys)
        {
            map[key] = key;
        }

        return map;
    }

    private long Get(IConcurrentMap<long, long> map)
    {
        long sum = 0;
        foreach (long key in _keys)
        {
            map.TryGetValue(key, out long value);
            sum += value;
        }

        return sum;
    }

    private void Set(IConcurrentMap<long, long> map)
    {
        foreach (long key in _keys)
        {
            map[key] = key; // overwrite: the map's size never changes
        }
    }
}
