using MapGuard.Benchmarks.Maps;

namespace MapGuard.Benchmarks.Workloads;

/// <summary>
/// Everything a workload benchmark needs besides the map: the keys of one shape, each thread's precomputed operation
/// stream, and the threads. <see cref="Run{TMap}"/> is generic over a struct adapter, so each map gets its own
/// compiled loop.
/// </summary>
/// <remarks>
/// Operations use <c>_lookups</c>, keys equal to the stored ones. For string shapes they are distinct instances, so
/// every lookup hashes and compares characters instead of winning on reference equality, as in <c>mapguard matrix</c>.
/// </remarks>
/// <typeparam name="TKey">The key type of the shape: <see cref="long"/>, <see cref="string"/> or <see cref="Guid"/>.</typeparam>
public sealed class WorkloadHarness<TKey> : IDisposable
    where TKey : notnull
{
    private static long s_sink;

    private readonly TKey[] _keys;
    private readonly TKey[] _lookups;
    private readonly int[][] _streams;
    private readonly ParallelRunner _runner;

    /// <summary>Builds the keys of <paramref name="keyShape"/> (see <see cref="BenchKeys"/>), the streams and the threads.</summary>
    public WorkloadHarness(Workload workload, string keyShape = BenchKeys.Random)
    {
        Workload = workload;
        var keyAt = BenchKeys.KeyAt<TKey>(keyShape);
        _keys = new TKey[workload.Keys];
        for (int i = 0; i < _keys.Length; i++)
        {
            _keys[i] = keyAt(i);
        }

        // A second call returns a new string instance; value-type keys have no identity to avoid.
        _lookups = typeof(TKey).IsValueType ? _keys : [.. Enumerable.Range(0, workload.Keys).Select(keyAt)];
        _streams = [.. Enumerable.Range(0, workload.Threads).Select(t => OperationStream.Create(workload, seed: 17 + t))];
        _runner = new ParallelRunner(workload.Threads);
    }

    public Workload Workload { get; }

    /// <summary>Pre-fills a map with every key.</summary>
    public void Fill(Action<TKey> set)
    {
        foreach (TKey key in _keys)
        {
            set(key);
        }
    }

    /// <summary>Runs every thread's stream once against <paramref name="map"/>, all threads at once.</summary>
    public void Run<TMap>(TMap map)
        where TMap : struct, IBenchMap<TKey>
    {
        TKey[] lookups = _lookups;
        int[][] streams = _streams;
        _runner.Run(thread => Volatile.Write(ref s_sink, RunStream(map, lookups, streams[thread])));
    }

    public void Dispose() => _runner.Dispose();

    private static long RunStream<TMap>(TMap map, TKey[] lookups, int[] stream)
        where TMap : struct, IBenchMap<TKey>
    {
        long sum = 0;
        foreach (int op in stream)
        {
            int index = op & (OperationStream.WriteFlag - 1);
            TKey key = lookups[index];
            if ((op & OperationStream.WriteFlag) == 0)
            {
                map.TryGetValue(key, out long value);
                sum += value;
            }
            else
            {
                map.Write(key, index);
            }
        }

        return sum;
    }
}
