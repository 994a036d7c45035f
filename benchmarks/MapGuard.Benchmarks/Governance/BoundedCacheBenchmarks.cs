using BenchmarkDotNet.Attributes;
using BitFaster.Caching.Lfu;
using BitFaster.Caching.Lru;
using MapGuard.Benchmarks.Maps;
using MapGuard.Benchmarks.Workloads;

namespace MapGuard.Benchmarks.Governance;

/// <summary>
/// A bounded cache under the standard "cache" workload (1M keys, Zipf 0.99, 90% reads, 2 threads), with room for 10%
/// of the keys. BitFaster's ConcurrentLru is the baseline the governance issue names; the target is 1.5x its throughput
/// for MapGuard's TinyLfu map.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*BoundedCacheBenchmarks*'</c>.</remarks>
[MemoryDiagnoser]
[Config(typeof(WorkloadConfig))]
public class BoundedCacheBenchmarks
{
    private const string WorkloadName = "cache";

    private WorkloadHarness<long> _harness = null!;
    private ConcurrentLru<long, long> _concurrentLru = null!;
    private ConcurrentLfu<long, long> _concurrentLfu = null!;
    private IConcurrentMap<long, long> _map = null!;

    private static int Capacity => BenchWorkloads.Named(WorkloadName).Keys / 10;

    [GlobalSetup(Target = nameof(ConcurrentLru))]
    public void SetupConcurrentLru() => _concurrentLru = Fill(new ConcurrentLru<long, long>(Capacity), (m, k) => m.AddOrUpdate(k, k));

    [GlobalSetup(Target = nameof(ConcurrentLfu))]
    public void SetupConcurrentLfu() => _concurrentLfu = Fill(new ConcurrentLfu<long, long>(Capacity), (m, k) => m.AddOrUpdate(k, k));

    [GlobalSetup(Target = nameof(TinyLfuMap))]
    public void SetupTinyLfu() => _map = Fill(MapBuilder.For<long, long>().WithCapacity(Capacity, Eviction.TinyLfu).Build(), (m, k) => m[k] = k);

    [GlobalSetup(Target = nameof(LruMap))]
    public void SetupLru() => _map = Fill(MapBuilder.For<long, long>().WithCapacity(Capacity, Eviction.Lru).Build(), (m, k) => m[k] = k);

    [GlobalCleanup]
    public void Cleanup() => _harness.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void ConcurrentLru() => _harness.Run(new ConcurrentLruAdapter(_concurrentLru));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void ConcurrentLfu() => _harness.Run(new ConcurrentLfuAdapter(_concurrentLfu));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void TinyLfuMap() => _harness.Run(new ContractAdapter(_map));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void LruMap() => _harness.Run(new ContractAdapter(_map));

    private TMap Fill<TMap>(TMap map, Action<TMap, long> set)
    {
        _harness = new WorkloadHarness<long>(WorkloadName);
        _harness.Fill(key => set(map, key));
        return map;
    }

    private readonly struct ConcurrentLruAdapter(ConcurrentLru<long, long> cache) : IBenchMap<long>
    {
        public bool TryGetValue(long key, out long value) => cache.TryGet(key, out value);

        public void Write(long key, long value) => cache.AddOrUpdate(key, value);
    }

    private readonly struct ConcurrentLfuAdapter(ConcurrentLfu<long, long> cache) : IBenchMap<long>
    {
        public bool TryGetValue(long key, out long value) => cache.TryGet(key, out value);

        public void Write(long key, long value) => cache.AddOrUpdate(key, value);
    }
}
