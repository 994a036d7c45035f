using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using MapGuard.Benchmarks.Maps;

namespace MapGuard.Benchmarks.Workloads;

/// <summary>
/// The standard workload grid on every key shape: one closed type per key type (<see cref="long"/> for <c>seq</c> and
/// <c>random</c>, <see cref="string"/> for <c>string</c> and <c>url</c>, <see cref="Guid"/> for <c>guid</c>), each with
/// the shapes of that key type as the <see cref="KeyShape"/> parameter. The map is pre-filled with every key; each
/// call is a read (TryGetValue) or a write (indexer set) as the workload's read share says. ConcurrentDictionary is
/// the baseline, and BenchmarkDotNet takes each ratio within one (workload, key shape) case, so every map is compared
/// with ConcurrentDictionary on the same keys; NonBlocking is the second reference. OperationsPerInvoke counts one
/// thread's calls, so the time per call is wall time over one thread's calls, and the ratio compares aggregate
/// throughput at the same thread count.
/// </summary>
/// <typeparam name="TKey">The key type of the shapes measured.</typeparam>
[MemoryDiagnoser]
[Config(typeof(WorkloadConfig))]
[GenericTypeArguments(typeof(long))]
[GenericTypeArguments(typeof(string))]
[GenericTypeArguments(typeof(Guid))]
public class WorkloadBenchmarks<TKey>
    where TKey : notnull
{
    private WorkloadHarness<TKey> _harness = null!;
    private ConcurrentDictionary<TKey, long> _concurrentDictionary = null!;
    private NonBlocking.ConcurrentDictionary<TKey, long> _nonBlocking = null!;
    private LockedMap<TKey, long> _lockedMap = null!;
    private ShardedMap<TKey, long> _shardedMap = null!;
    private LockFreeMap<TKey, long> _lockFreeMap = null!;
    private ReadMostlyMap<TKey, long> _readMostlyMap = null!;

    // Instance members: BenchmarkDotNet reads a ParamsSource from an instance too, and a static member on a generic
    // type is CA1000.
    public IEnumerable<string> WorkloadNames => BenchWorkloads.Names;

    public IEnumerable<string> KeyShapes => BenchKeys.ShapesOf<TKey>();

    [ParamsSource(nameof(WorkloadNames))]
    public string Workload { get; set; } = "hot-read";

    [ParamsSource(nameof(KeyShapes))]
    public string KeyShape { get; set; } = "";

    [GlobalSetup(Target = nameof(ConcurrentDictionary))]
    public void SetupConcurrentDictionary() => _concurrentDictionary = Fill(new ConcurrentDictionary<TKey, long>(), (m, k) => m[k] = 1);

    [GlobalSetup(Target = nameof(NonBlocking))]
    public void SetupNonBlocking() => _nonBlocking = Fill(new NonBlocking.ConcurrentDictionary<TKey, long>(), (m, k) => m[k] = 1);

    [GlobalSetup(Target = nameof(LockedMap))]
    public void SetupLockedMap() => _lockedMap = Fill(new LockedMap<TKey, long>(), (m, k) => m[k] = 1);

    [GlobalSetup(Target = nameof(ShardedMap))]
    public void SetupShardedMap() => _shardedMap = Fill(new ShardedMap<TKey, long>(), (m, k) => m[k] = 1);

    [GlobalSetup(Target = nameof(LockFreeMap))]
    public void SetupLockFreeMap() => _lockFreeMap = Fill(new LockFreeMap<TKey, long>(), (m, k) => m[k] = 1);

    [GlobalSetup(Target = nameof(ReadMostlyMap))]
    public void SetupReadMostlyMap() => _readMostlyMap = Fill(new ReadMostlyMap<TKey, long>(), (m, k) => m[k] = 1);

    [GlobalCleanup]
    public void Cleanup() => _harness.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void ConcurrentDictionary() => _harness.Run(new ConcurrentDictionaryAdapter<TKey>(_concurrentDictionary));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void NonBlocking() => _harness.Run(new NonBlockingAdapter<TKey>(_nonBlocking));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void LockedMap() => _harness.Run(new LockedMapAdapter<TKey>(_lockedMap));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void ShardedMap() => _harness.Run(new ShardedMapAdapter<TKey>(_shardedMap));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void LockFreeMap() => _harness.Run(new LockFreeMapAdapter<TKey>(_lockFreeMap));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void ReadMostlyMap() => _harness.Run(new ReadMostlyMapAdapter<TKey>(_readMostlyMap));

    private TMap Fill<TMap>(TMap map, Action<TMap, TKey> set)
    {
        _harness = new WorkloadHarness<TKey>(Workload, KeyShape);
        _harness.Fill(key => set(map, key));
        return map;
    }
}
