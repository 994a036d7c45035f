using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MapGuard.Benchmarks.Workloads;
using MapGuard.Internal;

namespace MapGuard.Benchmarks.Detection;

/// <summary>
/// What the guard costs one thread, for long and for string keys: <see cref="Dictionary{TKey, TValue}"/> (the baseline of each category) against
/// <see cref="GuardedDictionary{TKey, TValue}"/> in <see cref="GuardMode.Throw"/> mode without stack capture, for
/// get (TryGetValue hits), set (indexer overwrite of a present key) and remove (of a present key). The target is at
/// most 1.5x the baseline per operation. One invocation runs a precomputed stream of random keys, so per-call timer
/// noise vanishes; remove empties <see cref="Copies"/> pre-filled maps per invocation, in a random order of the keys,
/// and the maps are refilled before each iteration. The guard's storage is a <see cref="Dictionary{TKey, TValue}"/>, so
/// the baseline is also the guard's storage with no guard. One more row per category says where the time goes:
/// <c>GuardedCas_*</c> is the guard with owner bias off (<see cref="GuardOptions.BiasAfterWrites"/> = 0), so every
/// write pays its compare-and-swap. The benchmark thread fills the maps, so the default guard is biased to it. The
/// <c>remove-fifo</c> category removes in insertion order instead, the order a Dictionary's entry array is laid out
/// in, which turns its removals into a sequential walk.
/// </summary>
/// <remarks>Run: dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*GuardOverhead*'</remarks>
[MemoryDiagnoser]
[Config(typeof(GuardOverheadConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
[GenericTypeArguments(typeof(long))]
[GenericTypeArguments(typeof(string))]
public class GuardOverheadBenchmarks<TKey>
    where TKey : notnull
{
    /// <summary>Operations per invocation: a million, as in the workload grid.</summary>
    private const int Operations = 1 << 20;

    private TKey[] _keys = null!; // insertion order
    private TKey[] _removeOrder = null!; // the same keys, shuffled
    private TKey[] _stream = null!;

    // Only the kind the running benchmark uses is allocated; the others stay null.
    private Dictionary<TKey, long>[]? _dictionaries;
    private GuardedDictionary<TKey, long>[]? _guarded;
    private GuardedDictionary<TKey, long>[]? _guardedCas;

    /// <summary>Keys per map: a hot 1,024 (fits in L1/L2, so the guard's share is largest) and a big 1,048,576.</summary>
    [Params(1_024, 1_048_576)]
    public int Keys { get; set; } = 1_024;

    /// <summary>How many maps remove empties per invocation, so each invocation does <see cref="Operations"/> removes.</summary>
    private int Copies => Math.Max(1, Operations / Keys);

    // Each benchmark runs in its own process, and each process allocates only the maps its benchmark uses. Where a
    // 1M-key map's arrays land decides a lot: with all four kinds allocated in one process, a wrapper that did nothing
    // measured 1.7x against the Dictionary allocated first, and 1.1-1.2x once one more Dictionary was allocated
    // after it. Allocating one kind per process gives every kind the same start.
    [GlobalSetup(Targets = [nameof(Dictionary_Get), nameof(Dictionary_Set), nameof(Dictionary_Remove), nameof(Dictionary_RemoveInInsertionOrder)])]
    public void SetupDictionary() => Setup(() => _dictionaries = Create(_ => new Dictionary<TKey, long>(Keys)));

    [GlobalSetup(Targets = [nameof(Guarded_Get), nameof(Guarded_Set), nameof(Guarded_Remove), nameof(Guarded_RemoveInInsertionOrder)])]
    public void SetupGuarded() => Setup(() => _guarded = Create(_ => new GuardedDictionary<TKey, long>(Keys)));

    [GlobalSetup(Targets = [nameof(GuardedCas_Get), nameof(GuardedCas_Set), nameof(GuardedCas_Remove)])]
    public void SetupGuardedCas() =>
        Setup(() => _guardedCas = Create(_ => new GuardedDictionary<TKey, long>(Keys, null, new GuardOptions { BiasAfterWrites = 0 })));

    [IterationSetup(Targets = [nameof(Dictionary_Remove), nameof(Guarded_Remove), nameof(GuardedCas_Remove),
        nameof(Dictionary_RemoveInInsertionOrder), nameof(Guarded_RemoveInInsertionOrder)])]
    public void Refill()
    {
        for (int i = 0; i < Copies; i++)
        {
            foreach (TKey key in _keys)
            {
                _dictionaries?[i][key] = 1;
                _guarded?[i][key] = 1;
                _guardedCas?[i][key] = 1;
            }
        }
    }

    private void Setup(Action allocate)
    {
        // Random distinct keys, not sequential ones: sequential longs hash without collisions, a best case.
        var random = new Random(42);
        var distinct = new HashSet<TKey>(Keys);
        while (distinct.Count < Keys)
        {
            distinct.Add(NewKey(random, distinct.Count));
        }

        _keys = [.. distinct];
        _removeOrder = [.. _keys];
        random.Shuffle(_removeOrder);
        _stream = new TKey[Operations];
        for (int i = 0; i < _stream.Length; i++)
        {
            _stream[i] = _keys[random.Next(Keys)];
        }

        allocate();
        Refill(); // on the benchmark thread, so the default guard is biased to it
        WarmUp();
    }

    // Tiered compilation gives a method its final code only after 30 calls, and only once no new method has started
    // for 100 ms. With one invocation per iteration that happened inside the measured iterations, and the guard's
    // rows came out bimodal (8 and 25 ns on 1,024 keys). So setup calls every operation of its kind of map a hundred
    // thousand times and then waits, twice, before BenchmarkDotNet starts.
    private void WarmUp()
    {
        for (int round = 0; round < 2; round++)
        {
            for (int repeat = 0; repeat < 100; repeat++)
            {
                foreach (TKey key in _keys.AsSpan(0, Math.Min(_keys.Length, 1_000)))
                {
                    Touch(_dictionaries?[0], key, static (map, key) => map.TryGetValue(key, out _), static (map, key) => map.Remove(key), static (map, key) => map[key] = 1);
                    Touch(_guarded?[0], key, static (map, key) => map.TryGetValue(key, out _), static (map, key) => map.Remove(key), static (map, key) => map[key] = 1);
                    Touch(_guardedCas?[0], key, static (map, key) => map.TryGetValue(key, out _), static (map, key) => map.Remove(key), static (map, key) => map[key] = 1);
                }
            }

            Thread.Sleep(300);
        }

        // Get, remove, then put the key back: the map ends as it started.
        static void Touch<TMap>(TMap? map, TKey key, Func<TMap, TKey, bool> get, Func<TMap, TKey, bool> remove, Action<TMap, TKey> set)
            where TMap : class
        {
            if (map is not null)
            {
                get(map, key);
                remove(map, key);
                set(map, key);
            }
        }
    }

    /// <summary>A random long, or a string shaped like a cache key ("user:1a2b3c4d:17", 15 to 21 characters).</summary>
    private static TKey NewKey(Random random, int index) =>
        typeof(TKey) == typeof(string)
            ? (TKey)(object)$"user:{random.Next():x8}:{index}"
            : (TKey)(object)random.NextInt64();

    private T[] Create<T>(Func<int, T> create)
    {
        var maps = new T[Copies];
        for (int i = 0; i < maps.Length; i++)
        {
            maps[i] = create(i);
        }

        return maps;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("get")]
    public long Dictionary_Get()
    {
        Dictionary<TKey, long> map = _dictionaries![0];
        long sum = 0;
        foreach (TKey key in _stream)
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
        GuardedDictionary<TKey, long> map = _guarded![0];
        long sum = 0;
        foreach (TKey key in _stream)
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
        Dictionary<TKey, long> map = _dictionaries![0];
        foreach (TKey key in _stream)
        {
            map[key] = 1;
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("set")]
    public void Guarded_Set()
    {
        GuardedDictionary<TKey, long> map = _guarded![0];
        foreach (TKey key in _stream)
        {
            map[key] = 1;
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("remove")]
    public int Dictionary_Remove()
    {
        int removed = 0;
        foreach (Dictionary<TKey, long> map in _dictionaries!)
        {
            foreach (TKey key in _removeOrder)
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
        foreach (GuardedDictionary<TKey, long> map in _guarded!)
        {
            foreach (TKey key in _removeOrder)
            {
                removed += map.Remove(key) ? 1 : 0;
            }
        }

        return removed;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("get")]
    public long GuardedCas_Get()
    {
        GuardedDictionary<TKey, long> map = _guardedCas![0];
        long sum = 0;
        foreach (TKey key in _stream)
        {
            map.TryGetValue(key, out long value);
            sum += value;
        }

        return sum; // returned, so BenchmarkDotNet consumes it and the loads stay
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("set")]
    public void GuardedCas_Set()
    {
        GuardedDictionary<TKey, long> map = _guardedCas![0];
        foreach (TKey key in _stream)
        {
            map[key] = 1;
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("remove")]
    public int GuardedCas_Remove()
    {
        int removed = 0;
        foreach (GuardedDictionary<TKey, long> map in _guardedCas!)
        {
            foreach (TKey key in _removeOrder)
            {
                removed += map.Remove(key) ? 1 : 0;
            }
        }

        return removed;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("remove-fifo")]
    public int Dictionary_RemoveInInsertionOrder()
    {
        int removed = 0;
        foreach (Dictionary<TKey, long> map in _dictionaries!)
        {
            foreach (TKey key in _keys)
            {
                removed += map.Remove(key) ? 1 : 0;
            }
        }

        return removed;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("remove-fifo")]
    public int Guarded_RemoveInInsertionOrder()
    {
        int removed = 0;
        foreach (GuardedDictionary<TKey, long> map in _guarded!)
        {
            foreach (TKey key in _keys)
            {
                removed += map.Remove(key) ? 1 : 0;
            }
        }

        return removed;
    }
}

/// <summary>
/// <see cref="WorkloadConfig"/>'s job, launched three times: a large map's ratio moved by up to 0.3 from one process to
/// the next on this machine (where its arrays land, what else the host runs), and the mean over three processes
/// moves less.
/// </summary>
public sealed class GuardOverheadConfig() : WorkloadConfig(launchCount: 3);
