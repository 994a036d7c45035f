using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using MapGuard.Benchmarks.Maps;

namespace MapGuard.Benchmarks.Workloads;

/// <summary>
/// The DESIGN.md workload grid over long keys. The map is pre-filled with every key; each call is a read
/// (TryGetValue) or a write (indexer set) as the workload's read share says. ConcurrentDictionary is the baseline;
/// NonBlocking is the second reference. OperationsPerInvoke counts one thread's calls, so the time per call is wall
/// time over one thread's calls, and the ratio compares aggregate throughput at the same thread count.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WorkloadConfig))]
public class WorkloadBenchmarks
{
    private WorkloadHarness _harness = null!;
    private ConcurrentDictionary<long, long> _concurrentDictionary = null!;
    private NonBlocking.ConcurrentDictionary<long, long> _nonBlocking = null!;
    private LockedMap<long, long> _lockedMap = null!;
    private ShardedMap<long, long> _shardedMap = null!;
    private LockFreeMap<long, long> _lockFreeMap = null!;
    private ReadMostlyMap<long, long> _readMostlyMap = null!;

    public static IEnumerable<string> WorkloadNames => Workloads.Workload.Standard.Select(w => w.Name);

    [ParamsSource(nameof(WorkloadNames))]
    public string Workload { get; set; } = "hot-read";

    [GlobalSetup(Target = nameof(ConcurrentDictionary))]
    public void SetupConcurrentDictionary() => _concurrentDictionary = Fill(new ConcurrentDictionary<long, long>(), (m, k) => m[k] = k);

    [GlobalSetup(Target = nameof(NonBlocking))]
    public void SetupNonBlocking() => _nonBlocking = Fill(new NonBlocking.ConcurrentDictionary<long, long>(), (m, k) => m[k] = k);

    [GlobalSetup(Target = nameof(LockedMap))]
    public void SetupLockedMap() => _lockedMap = Fill(new LockedMap<long, long>(), (m, k) => m[k] = k);

    [GlobalSetup(Target = nameof(ShardedMap))]
    public void SetupShardedMap() => _shardedMap = Fill(new ShardedMap<long, long>(), (m, k) => m[k] = k);

    [GlobalSetup(Target = nameof(LockFreeMap))]
    public void SetupLockFreeMap() => _lockFreeMap = Fill(new LockFreeMap<long, long>(), (m, k) => m[k] = k);

    [GlobalSetup(Target = nameof(ReadMostlyMap))]
    public void SetupReadMostlyMap() => _readMostlyMap = Fill(new ReadMostlyMap<long, long>(), (m, k) => m[k] = k);

    [GlobalCleanup]
    public void Cleanup() => _harness.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = OperationStream.Length)]
    public void ConcurrentDictionary() => _harness.Run(new ConcurrentDictionaryAdapter<long>(_concurrentDictionary));

    [Benchmark(OperationsPerInvoke = OperationStream.Length)]
    public void NonBlocking() => _harness.Run(new NonBlockingAdapter<long>(_nonBlocking));

    [Benchmark(OperationsPerInvoke = OperationStream.Length)]
    public void LockedMap() => _harness.Run(new LockedMapAdapter<long>(_lockedMap));

    [Benchmark(OperationsPerInvoke = OperationStream.Length)]
    public void ShardedMap() => _harness.Run(new ShardedMapAdapter<long>(_shardedMap));

    [Benchmark(OperationsPerInvoke = OperationStream.Length)]
    public void LockFreeMap() => _harness.Run(new LockFreeMapAdapter<long>(_lockFreeMap));

    [Benchmark(OperationsPerInvoke = OperationStream.Length)]
    public void ReadMostlyMap() => _harness.Run(new ReadMostlyMapAdapter<long>(_readMostlyMap));

    private TMap Fill<TMap>(TMap map, Action<TMap, long> set)
    {
        _harness = new WorkloadHarness(Workloads.Workload.Named(Workload));
        _harness.Fill(key => set(map, key));
        return map;
    }
}
