using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using MapGuard.Benchmarks.Maps;

namespace MapGuard.Benchmarks.Workloads;

/// <summary>
/// The DESIGN.md workload grid over long keys. The map is pre-filled with every key; each call is a read
/// (TryGetValue) or a write (indexer set) as the workload's read share says. ConcurrentDictionary is the baseline;
/// NonBlocking is the second reference. Results are per call, aggregated over all threads.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WorkloadConfig))]
public class WorkloadBenchmarks
{
    private const int CallsPerThread = OperationStream.Length;

    private Workload _workload = null!;
    private long[] _keys = null!;
    private int[][] _streams = null!;
    private ParallelRunner _runner = null!;

    private ConcurrentDictionary<long, long> _concurrentDictionary = null!;
    private NonBlocking.ConcurrentDictionary<long, long> _nonBlocking = null!;
    private LockedMap<long, long> _lockedMap = null!;
    private ShardedMap<long, long> _shardedMap = null!;

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

    [GlobalCleanup]
    public void Cleanup() => _runner.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerThread)]
    public void ConcurrentDictionary() => Run(new ConcurrentDictionaryAdapter<long>(_concurrentDictionary));

    [Benchmark(OperationsPerInvoke = CallsPerThread)]
    public void NonBlocking() => Run(new NonBlockingAdapter<long>(_nonBlocking));

    [Benchmark(OperationsPerInvoke = CallsPerThread)]
    public void LockedMap() => Run(new LockedMapAdapter<long>(_lockedMap));

    [Benchmark(OperationsPerInvoke = CallsPerThread)]
    public void ShardedMap() => Run(new ShardedMapAdapter<long>(_shardedMap));

    private TMap Fill<TMap>(TMap map, Action<TMap, long> set)
    {
        _workload = Workloads.Workload.Named(Workload);
        _keys = new long[_workload.Keys];
        for (int i = 0; i < _keys.Length; i++)
        {
            _keys[i] = i;
            set(map, i);
        }

        _streams = [.. Enumerable.Range(0, _workload.Threads).Select(t => OperationStream.Create(_workload, seed: 17 + t))];
        _runner = new ParallelRunner(_workload.Threads);
        return map;
    }

    // OperationsPerInvoke counts one thread's calls: the reported time per call is then wall time over the calls of
    // one thread, and the ratio column compares aggregate throughput across maps at the same thread count.
    private void Run<TMap>(TMap map)
        where TMap : struct, IBenchMap<long>
    {
        long[] keys = _keys;
        int[][] streams = _streams;
        _runner.Run(thread => Consume(RunStream(map, keys, streams[thread])));
    }

    private static long RunStream<TMap>(TMap map, long[] keys, int[] stream)
        where TMap : struct, IBenchMap<long>
    {
        long sum = 0;
        foreach (int op in stream)
        {
            long key = keys[op & (OperationStream.WriteFlag - 1)];
            if ((op & OperationStream.WriteFlag) == 0)
            {
                map.TryGetValue(key, out long value);
                sum += value;
            }
            else
            {
                map.Write(key, key);
            }
        }

        return sum;
    }

    private static long s_sink;

    private static void Consume(long value) => Volatile.Write(ref s_sink, value);
}
