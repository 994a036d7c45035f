using BenchmarkDotNet.Attributes;
using BitFaster.Caching.Lfu;
using BitFaster.Caching.Lru;
using MapGuard.Benchmarks.Maps;
using MapGuard.Benchmarks.Workloads;

namespace MapGuard.Benchmarks.Governance;

/// <summary>
/// A bounded cache under the standard "cache" workload (1M keys, Zipf 0.99, 90% reads, 2 threads), with room for 10%
/// of the keys, on every key shape of the key type. BitFaster's ConcurrentLru is the baseline the governance issue
/// names; the targets are 1.5x its throughput for MapGuard's TinyLfu map and 2x for its Lru map.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*BoundedCacheBenchmarks*'</c>;
/// one shape: <c>--filter '*BoundedCacheBenchmarks&lt;Int64&gt;*(KeyShape: "random")*'</c>.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(WorkloadConfig))]
[GenericTypeArguments(typeof(long))]
[GenericTypeArguments(typeof(string))]
[GenericTypeArguments(typeof(Guid))]
public class BoundedCacheBenchmarks<TKey>
    where TKey : notnull
{
    private const string WorkloadName = "cache";

    private WorkloadHarness<TKey> _harness = null!;
    private ConcurrentLru<TKey, long> _concurrentLru = null!;
    private ConcurrentLfu<TKey, long> _concurrentLfu = null!;
    private IConcurrentMap<TKey, long> _map = null!;

    // An instance member: BenchmarkDotNet reads a ParamsSource from an instance too, and a static member on a generic
    // type is CA1000.
    public IEnumerable<string> KeyShapes => BenchKeys.ShapesOf<TKey>();

    [ParamsSource(nameof(KeyShapes))]
    public string KeyShape { get; set; } = "";

    private static int Capacity => BenchWorkloads.Named(WorkloadName).Keys / 10;

    [GlobalSetup(Target = nameof(ConcurrentLru))]
    public void SetupConcurrentLru() => _concurrentLru = Fill(new ConcurrentLru<TKey, long>(Capacity), (m, k) => m.AddOrUpdate(k, 1));

    [GlobalSetup(Target = nameof(ConcurrentLfu))]
    public void SetupConcurrentLfu() => _concurrentLfu = Fill(new ConcurrentLfu<TKey, long>(Capacity), (m, k) => m.AddOrUpdate(k, 1));

    [GlobalSetup(Target = nameof(TinyLfuMap))]
    public void SetupTinyLfu() => _map = Fill(MapBuilder.For<TKey, long>().WithCapacity(Capacity, Eviction.TinyLfu).Build(), (m, k) => m[k] = 1);

    [GlobalSetup(Target = nameof(LruMap))]
    public void SetupLru() => _map = Fill(MapBuilder.For<TKey, long>().WithCapacity(Capacity, Eviction.Lru).Build(), (m, k) => m[k] = 1);

    [GlobalCleanup]
    public void Cleanup() => _harness.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void ConcurrentLru() => _harness.Run(new ConcurrentLruAdapter(_concurrentLru));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void ConcurrentLfu() => _harness.Run(new ConcurrentLfuAdapter(_concurrentLfu));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void TinyLfuMap() => _harness.Run(new ContractAdapter<TKey>(_map));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void LruMap() => _harness.Run(new ContractAdapter<TKey>(_map));

    private TMap Fill<TMap>(TMap map, Action<TMap, TKey> set)
    {
        _harness = new WorkloadHarness<TKey>(WorkloadName, KeyShape);
        _harness.Fill(key => set(map, key));
        return map;
    }

    private readonly struct ConcurrentLruAdapter(ConcurrentLru<TKey, long> cache) : IBenchMap<TKey>
    {
        public bool TryGetValue(TKey key, out long value) => cache.TryGet(key, out value);

        public void Write(TKey key, long value) => cache.AddOrUpdate(key, value);
    }

    private readonly struct ConcurrentLfuAdapter(ConcurrentLfu<TKey, long> cache) : IBenchMap<TKey>
    {
        public bool TryGetValue(TKey key, out long value) => cache.TryGet(key, out value);

        public void Write(TKey key, long value) => cache.AddOrUpdate(key, value);
    }
}
