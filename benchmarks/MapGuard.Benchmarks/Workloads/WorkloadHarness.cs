using MapGuard.Benchmarks.Maps;

namespace MapGuard.Benchmarks.Workloads;

/// <summary>
/// Everything a workload benchmark needs besides the map: the keys, each thread's precomputed operation stream, and
/// the threads. <see cref="Run{TMap}"/> is generic over a struct adapter, so each map gets its own compiled loop.
/// </summary>
public sealed class WorkloadHarness : IDisposable
{
    private static long s_sink;

    private readonly long[] _keys;
    private readonly int[][] _streams;
    private readonly ParallelRunner _runner;

    public WorkloadHarness(Workload workload)
    {
        Workload = workload;
        // Distinct but not sequential keys, as `mapguard matrix` uses: sequential longs give ConcurrentDictionary's
        // identity hash and prime-sized table zero collisions, a best case that real key sets rarely have.
        _keys = new long[workload.Keys];
        for (int i = 0; i < _keys.Length; i++)
        {
            _keys[i] = (long)Scramble((ulong)i);
        }

        _streams = [.. Enumerable.Range(0, workload.Threads).Select(t => OperationStream.Create(workload, seed: 17 + t))];
        _runner = new ParallelRunner(workload.Threads);
    }

    public Workload Workload { get; }

    /// <summary>Pre-fills a map with every key (value = key).</summary>
    public void Fill(Action<long> set)
    {
        foreach (long key in _keys)
        {
            set(key);
        }
    }

    /// <summary>Runs every thread's stream once against <paramref name="map"/>, all threads at once.</summary>
    public void Run<TMap>(TMap map)
        where TMap : struct, IBenchMap<long>
    {
        long[] keys = _keys;
        int[][] streams = _streams;
        _runner.Run(thread => Volatile.Write(ref s_sink, RunStream(map, keys, streams[thread])));
    }

    public void Dispose() => _runner.Dispose();

    // SplitMix64's finalizer: a bijection on 64-bit integers, so the keys stay distinct.
    private static ulong Scramble(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
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
}
