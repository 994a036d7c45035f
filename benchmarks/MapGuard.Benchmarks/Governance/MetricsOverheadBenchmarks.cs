using BenchmarkDotNet.Attributes;
using MapGuard.Benchmarks.Maps;
using MapGuard.Benchmarks.Workloads;

namespace MapGuard.Benchmarks.Governance;

/// <summary>
/// The cost of <see cref="MapBuilder{TKey, TValue}.WithMetrics"/> on the standard workload grid: each strategy built with and
/// without metrics, both called through <see cref="IConcurrentMap{TKey, TValue}"/>. Target: at most 5% lost.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*MetricsOverheadBenchmarks*'</c>.</remarks>
[MemoryDiagnoser]
[Config(typeof(WorkloadConfig))]
public class MetricsOverheadBenchmarks
{
    private WorkloadHarness<long> _harness = null!;
    private IConcurrentMap<long, long> _map = null!;

    [Params(MapStrategy.LockFree, MapStrategy.Sharded, MapStrategy.ReadMostly, MapStrategy.Locked, MapStrategy.ConcurrentDictionary)]
    public MapStrategy Strategy { get; set; }

    [ParamsSource(nameof(WorkloadNames))]
    public string Workload { get; set; } = "hot-read";

    public static IEnumerable<string> WorkloadNames => BenchWorkloads.Names;

    [GlobalSetup(Target = nameof(MetricsOff))]
    public void SetupOff() => Fill(MapBuilder.For<long, long>().Use(Strategy).Build());

    [GlobalSetup(Target = nameof(MetricsOn))]
    public void SetupOn() => Fill(MapBuilder.For<long, long>().Use(Strategy).Named("bench").WithMetrics().Build());

    [GlobalCleanup]
    public void Cleanup() => _harness.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void MetricsOff() => _harness.Run(new ContractAdapter(_map));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void MetricsOn() => _harness.Run(new ContractAdapter(_map));

    private void Fill(IConcurrentMap<long, long> map)
    {
        _harness = new WorkloadHarness<long>(Workload);
        _harness.Fill(key => map[key] = key);
        _map = map;
    }
}
