using System.Runtime.CompilerServices;
using MapGuard.Benchmarks.Maps;
using MapGuard.Cli.Matrix.Worker;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Benchmarks.Workloads;

/// <summary>
/// Everything a workload benchmark needs besides the map: the keys of one shape, each thread's precomputed operation
/// stream (drawn by the matrix's own <see cref="OperationStream"/> and <see cref="ZipfGenerator"/>, with the same seeds
/// rule), and the threads. <see cref="Run{TMap}"/> is generic over a struct adapter, so each map gets its own
/// compiled loop.
/// </summary>
/// <remarks>
/// Operations carry lookup keys equal to the stored ones. For string shapes they are distinct instances, so
/// every lookup hashes and compares characters instead of winning on reference equality, as in <c>mapguard matrix</c>.
/// </remarks>
/// <typeparam name="TKey">The key type of the shape: <see cref="long"/>, <see cref="string"/> or <see cref="Guid"/>.</typeparam>
internal sealed class WorkloadHarness<TKey> : IDisposable
    where TKey : notnull
{
    /// <summary>Operations per call of the measured loop's chunk method.</summary>
    private const int ChunkOperations = 4096;

    private static long s_sink;

    private readonly TKey[] _keys;
    private readonly Operation<TKey>[][] _streams;
    private readonly ParallelRunner _runner;
    private bool _warmedUp;

    /// <summary>Builds the keys of <paramref name="workloadName"/> on <paramref name="keyShape"/> (see
    /// <see cref="BenchWorkloads"/> and <see cref="BenchKeys"/>), the streams and the threads.</summary>
    public WorkloadHarness(string workloadName, string keyShape = BenchKeys.Random)
    {
        Workload workload = BenchWorkloads.Named(workloadName, keyShape);
        Workload = workload;
        var keyAt = BenchKeys.KeyAt<TKey>(keyShape);
        _keys = new TKey[workload.Keys];
        for (int i = 0; i < _keys.Length; i++)
        {
            _keys[i] = keyAt(i);
        }

        // A second call returns a new string instance; value-type keys have no identity to avoid.
        TKey[] lookups = typeof(TKey).IsValueType ? _keys : [.. Enumerable.Range(0, workload.Keys).Select(keyAt)];
        ZipfGenerator? zipf = null;
        int[]? rankToKey = null;
        if (workload.Distribution == KeyDistribution.Zipf)
        {
            zipf = new ZipfGenerator(workload.Keys, Workload.ZipfExponent);
            rankToKey = OperationStream.Permutation(workload.Keys, 0x5EED);
        }

        _streams = [.. Enumerable.Range(0, workload.Threads).Select(t =>
            OperationStream.Create(workload, BenchWorkloads.OperationsPerThread, (ulong)(17 + t), zipf, rankToKey, i => lookups[i]))];
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

    /// <summary>
    /// Runs every thread's stream once against <paramref name="map"/>, all threads at once. The first call warms up
    /// first (see <see cref="WarmUp{TMap}"/>); BenchmarkDotNet's jitting invocation makes that call, outside the
    /// measured iterations.
    /// </summary>
    public void Run<TMap>(TMap map)
        where TMap : struct, IBenchMap<TKey>
    {
        if (!_warmedUp)
        {
            WarmUp(map);
            _warmedUp = true;
        }

        RunStreams(map);
    }

    public void Dispose() => _runner.Dispose();

    /// <summary>
    /// Runs the streams twice, resting after each pass. Tiered compilation promotes a method to optimised code (with
    /// its PGO data) after 30 calls, once no method has been compiled for 100 ms. A benchmark invocation runs each
    /// thread's stream once, and a case has about fifteen invocations, so a loop over the whole stream would never
    /// be promoted: it would run as on-stack-replaced code throughout, which does not run as users' steady-state
    /// code does, and not equally for every map. The loop is therefore split into chunks of
    /// <see cref="ChunkOperations"/> calls: one pass calls each thread's chunk method hundreds of times, and the rest
    /// lets the promotion land before anything is measured.
    /// </summary>
    private void WarmUp<TMap>(TMap map)
        where TMap : struct, IBenchMap<TKey>
    {
        for (int pass = 0; pass < 2; pass++)
        {
            RunStreams(map);
            Thread.Sleep(250);
        }
    }

    private void RunStreams<TMap>(TMap map)
        where TMap : struct, IBenchMap<TKey>
    {
        Operation<TKey>[][] streams = _streams;
        _runner.Run(thread => Volatile.Write(ref s_sink, RunStream(map, streams[thread])));
    }

    private static long RunStream<TMap>(TMap map, Operation<TKey>[] stream)
        where TMap : struct, IBenchMap<TKey>
    {
        long sum = 0;
        for (int start = 0; start < stream.Length; start += ChunkOperations)
        {
            sum = RunChunk(map, stream.AsSpan(start, Math.Min(ChunkOperations, stream.Length - start)), sum);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long RunChunk<TMap>(TMap map, ReadOnlySpan<Operation<TKey>> chunk, long sum)
        where TMap : struct, IBenchMap<TKey>
    {
        foreach (ref readonly Operation<TKey> op in chunk)
        {
            if (!op.IsWrite)
            {
                map.TryGetValue(op.Key, out long value);
                sum += value;
            }
            else
            {
                map.Write(op.Key, sum);
            }
        }

        return sum;
    }
}
