using BenchmarkDotNet.Attributes;
using MapGuard.Benchmarks.Maps;
using MapGuard.Benchmarks.Workloads;

namespace MapGuard.Benchmarks.Governance;

/// <summary>
/// The cost of <see cref="MapBuilder{TKey, TValue}.WithMetrics"/> on the standard workload grid: each strategy, and a
/// bounded map with each eviction policy, built with and without metrics and called through
/// <see cref="IConcurrentMap{TKey, TValue}"/>. A metered map counts its own calls inline (docs/design/metrics.md), so
/// the two rows differ only by the counting. Target: at most 5% lost. Five processes per case
/// (<see cref="MetricsOverheadConfig"/>), because one process's layout can move a cell by more than that.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*MetricsOverheadBenchmarks*'</c>
/// (add <c>--launchCount N</c> for another number of processes).</remarks>
[MemoryDiagnoser]
[Config(typeof(MetricsOverheadConfig))]
public class MetricsOverheadBenchmarks
{
    private WorkloadHarness<long> _harness = null!;
    private IConcurrentMap<long, long> _map = null!;

    [Params(
        MeteredMapKind.LockFree,
        MeteredMapKind.Sharded,
        MeteredMapKind.ReadMostly,
        MeteredMapKind.Locked,
        MeteredMapKind.ConcurrentDictionary,
        MeteredMapKind.TinyLfu,
        MeteredMapKind.Lru)]
    public MeteredMapKind Map { get; set; }

    [ParamsSource(nameof(WorkloadNames))]
    public string Workload { get; set; } = "hot-read";

    public static IEnumerable<string> WorkloadNames => BenchWorkloads.Names;

    [GlobalSetup(Target = nameof(MetricsOff))]
    public void SetupOff() => Fill(MeteredMaps.Build(Map, metrics: false, "bench"));

    [GlobalSetup(Target = nameof(MetricsOn))]
    public void SetupOn() => Fill(MeteredMaps.Build(Map, metrics: true, "bench"));

    [GlobalCleanup]
    public void Cleanup() => _harness.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void MetricsOff() => _harness.Run(new ContractAdapter<long>(_map));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void MetricsOn() => _harness.Run(new ContractAdapter<long>(_map));

    private void Fill(IConcurrentMap<long, long> map)
    {
        _harness = new WorkloadHarness<long>(Workload);
        _harness.Fill(key => map[key] = key);
        _map = map;
    }
}
