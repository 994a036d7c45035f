using BenchmarkDotNet.Attributes;
using MapGuard.Benchmarks.Maps;
using MapGuard.Benchmarks.Workloads;

namespace MapGuard.Benchmarks.Governance;

/// <summary>
/// What the builder costs on the standard workload grid: the bare LockFreeMap, the same map from a builder with no policies,
/// and one with a single key rule, all called through <see cref="IConcurrentMap{TKey, TValue}"/> as builder users do.
/// Targets: no policies within 3% of the bare map; key rules within the cost of the rule itself.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*PolicyOverheadBenchmarks*'</c>.</remarks>
[MemoryDiagnoser]
[Config(typeof(WorkloadConfig))]
public class PolicyOverheadBenchmarks
{
    private WorkloadHarness<long> _harness = null!;
    private IConcurrentMap<long, long> _map = null!;

    [ParamsSource(nameof(WorkloadNames))]
    public string Workload { get; set; } = "hot-read";

    public static IEnumerable<string> WorkloadNames => BenchWorkloads.Names;

    [GlobalSetup(Target = nameof(BareLockFreeMap))]
    public void SetupBare() => Fill(new LockFreeMap<long, long>());

    [GlobalSetup(Target = nameof(BuiltWithNoPolicies))]
    public void SetupBuilt() => Fill(MapBuilder.For<long, long>().Named("built").Build());

    [GlobalSetup(Target = nameof(BuiltWithKeyRule))]
    public void SetupRuled() => Fill(MapBuilder.For<long, long>().WithKeyRule("not long.MinValue", key => key != long.MinValue).Build());

    [GlobalCleanup]
    public void Cleanup() => _harness.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void BareLockFreeMap() => _harness.Run(new ContractAdapter<long>(_map));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void BuiltWithNoPolicies() => _harness.Run(new ContractAdapter<long>(_map));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void BuiltWithKeyRule() => _harness.Run(new ContractAdapter<long>(_map));

    private void Fill(IConcurrentMap<long, long> map)
    {
        _harness = new WorkloadHarness<long>(Workload);
        _harness.Fill(key => map[key] = key);
        _map = map;
    }
}
