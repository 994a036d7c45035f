using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MapGuard.Testing.Flooding;

namespace MapGuard.Benchmarks.Flooding;

/// <summary>
/// Inserting 40,000 chosen <see cref="long"/> keys into each map, against 40,000 random ones: the hash-flooding
/// table in BENCHMARKS.md. Each invocation fills a fresh map, so an invocation is one full attack.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*HashFloodingBenchmarks*'</c>.
/// The unprotected rows take seconds per invocation under attack, so the job runs few iterations.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class HashFloodingBenchmarks
{
    private long[] _keys = [];

    /// <summary>random: distinct random longs. zero-hash: <c>(x &lt;&lt; 32) | x</c>, all with GetHashCode() 0.</summary>
    [Params("random", "zero-hash")]
    public string KeySet { get; set; } = "random";

    [GlobalSetup]
    public void Setup() =>
        _keys = KeySet == "random" ? AdversarialKeys.Random(v => v) : AdversarialKeys.LongsWithZeroHashCode();

    [Benchmark(Baseline = true)]
    public int ConcurrentDictionary()
    {
        var map = new ConcurrentDictionary<long, long>();
        foreach (long key in _keys)
        {
            map[key] = key;
        }

        return map.Count;
    }

    [Benchmark]
    public int Dictionary()
    {
        var map = new Dictionary<long, long>();
        foreach (long key in _keys)
        {
            map[key] = key;
        }

        return map.Count;
    }

    [Benchmark]
    public int NonBlocking()
    {
        var map = new NonBlocking.ConcurrentDictionary<long, long>();
        foreach (long key in _keys)
        {
            map[key] = key;
        }

        return map.Count;
    }

    [Benchmark]
    public int LockedMap() => Fill(new LockedMap<long, long>());

    [Benchmark]
    public int ShardedMap() => Fill(new ShardedMap<long, long>());

    [Benchmark]
    public int LockFreeMap() => Fill(new LockFreeMap<long, long>());

    [Benchmark]
    public int ReadMostlyMap() => Fill(new ReadMostlyMap<long, long>());

    [Benchmark]
    public int ConcurrentDictionaryMap() => Fill(new ConcurrentDictionaryMap<long, long>());

    private int Fill<TMap>(TMap map)
        where TMap : IConcurrentMap<long, long>
    {
        foreach (long key in _keys)
        {
            map[key] = key;
        }

        return map.Count;
    }
}
