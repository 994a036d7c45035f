using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MapGuard.Benchmarks.Workloads;

namespace MapGuard.Benchmarks.Detection;

/// <summary>
/// What the guard costs one thread: <see cref="Dictionary{TKey, TValue}"/> (the baseline of each category) against
/// <see cref="GuardedDictionary{TKey, TValue}"/> in <see cref="GuardMode.Throw"/> mode without stack capture, for
/// get (TryGetValue hits), set (indexer overwrite of a present key) and remove (of a present key). The target is at
/// most 1.3x the baseline per operation. One invocation runs a precomputed stream of random keys, so per-call timer
/// noise vanishes; remove empties <see cref="Copies"/> pre-filled maps per invocation, refilled before each iteration.
/// </summary>
/// <remarks>Run: dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*GuardOverhead*'</remarks>
[MemoryDiagnoser]
[Config(typeof(WorkloadConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class GuardOverheadBenchmarks
{
    /// <summary>Operations per invocation: a million, as in the workload grid.</summary>
    private const int Operations = 1 << 20;

    private long[] _keys = null!;
    private long[] _stream = null!;
    private Dictionary<long, long>[] _dictionaries = null!;
    private GuardedDictionary<long, long>[] _guarded = null!;

    /// <summary>Keys per map: a hot 1,024 (fits in L1/L2, so the guard's share is largest) and a big 1,048,576.</summary>
    [Params(1_024, 1_048_576)]
    public int Keys { get; set; } = 1_024;

    /// <summary>How many maps remove empties per invocation, so each invocation does <see cref="Operations"/> removes.</summary>
    private int Copies => Math.Max(1, Operations / Keys);

    [GlobalSetup]
    public void Setup()
    {
        // Random distinct keys, not sequential ones: sequential longs hash without collisions, a best case.
        var random = new Random(42);
        var distinct = new HashSet<long>(Keys);
        while (distinct.Count < Keys)
        {
            distinct.Add(random.NextInt64());
        }

        _keys = [.. distinct];
        _stream = new long[Operations];
        for (int i = 0; i < _stream.Length; i++)
        {
            _stream[i] = _keys[random.Next(Keys)];
        }

        _dictionaries = new Dictionary<long, long>[Copies];
        _guarded = new GuardedDictionary<long, long>[Copies];
        for (int i = 0; i < Copies; i++)
        {
            _dictionaries[i] = new Dictionary<long, long>(Keys);
            _guarded[i] = new GuardedDictionary<long, long>(Keys);
        }

        Refill();
    }

    [IterationSetup(Targets = [nameof(Dictionary_Remove), nameof(Guarded_Remove)])]
    public void Refill()
    {
        for (int i = 0; i < Copies; i++)
        {
            foreach (long key in _keys)
            {
                _dictionaries[i][key] = key;
                _guarded[i][key] = key;
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("get")]
    public long Dictionary_Get()
    {
        Dictionary<long, long> map = _dictionaries[0];
        long sum = 0;
        foreach (long key in _stream)
        {
            map.TryGetValue(key, out long value);
            sum += value;
        }

        return sum; // returned, so BenchmarkDotNet consumes it and the loads stay
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("get")]
    public long Guarded_Get()
    {
        GuardedDictionary<long, long> map = _guarded[0];
        long sum = 0;
        foreach (long key in _stream)
        {
            map.TryGetValue(key, out long value);
            sum += value;
        }

        return sum; // returned, so BenchmarkDotNet consumes it and the loads stay
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("set")]
    public void Dictionary_Set()
    {
        Dictionary<long, long> map = _dictionaries[0];
        foreach (long key in _stream)
        {
            map[key] = key;
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("set")]
    public void Guarded_Set()
    {
        GuardedDictionary<long, long> map = _guarded[0];
        foreach (long key in _stream)
        {
            map[key] = key;
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("remove")]
    public int Dictionary_Remove()
    {
        int removed = 0;
        foreach (Dictionary<long, long> map in _dictionaries)
        {
            foreach (long key in _keys)
            {
                removed += map.Remove(key) ? 1 : 0;
            }
        }

        return removed;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("remove")]
    public int Guarded_Remove()
    {
        int removed = 0;
        foreach (GuardedDictionary<long, long> map in _guarded)
        {
            foreach (long key in _keys)
            {
                removed += map.Remove(key) ? 1 : 0;
            }
        }

        return removed;
    }
}
