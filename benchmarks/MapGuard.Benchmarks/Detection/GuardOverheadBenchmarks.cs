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
/// the baseline is also the guard's storage with no guard. More rows say where the time goes: <c>GuardedCas_*</c> is
/// the guard with owner bias off (<see cref="GuardOptions.BiasAfterWrites"/> = 0), so every write pays its
/// compare-and-swap; <c>ThreadChecked_*</c> is <see cref="Dictionary{TKey, TValue}"/> behind nothing but the owner's
/// identity check (<see cref="KeyOps.ThreadCheckedLong"/>), the least a write of a guard that names its owner soundly
/// can cost. The benchmark thread fills the maps, so the default guard is biased to it. The
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
    private bool _threadChecked; // _dictionaries behind the owner check of KeyOps.ThreadCheckedLong
    private IGuardLoops _loops = null!; // over the allocated kind

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

    [GlobalSetup(Targets = [nameof(ThreadChecked_Set), nameof(ThreadChecked_Remove)])]
    public void SetupThreadChecked()
    {
        _threadChecked = true;
        SetupDictionary();
    }

    [GlobalSetup(Targets = [nameof(Guarded_Get), nameof(Guarded_Set), nameof(Guarded_Remove), nameof(Guarded_RemoveInInsertionOrder)])]
    public void SetupGuarded() => Setup(() => _guarded = Create(_ => new GuardedDictionary<TKey, long>(Keys)));

    [GlobalSetup(Targets = [nameof(GuardedCas_Get), nameof(GuardedCas_Set), nameof(GuardedCas_Remove)])]
    public void SetupGuardedCas() =>
        Setup(() => _guardedCas = Create(_ => new GuardedDictionary<TKey, long>(Keys, null, new GuardOptions { BiasAfterWrites = 0 })));

    [IterationSetup(Targets = [nameof(Dictionary_Remove), nameof(Guarded_Remove), nameof(GuardedCas_Remove), nameof(ThreadChecked_Remove),
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
        _loops = CreateLoops();
        Refill(); // on the benchmark thread, so the default guard is biased to it
        WarmUp();
    }

    // Tiered compilation gives a method its optimised code (with its PGO data) only after 30 calls, and only once no
    // method has been compiled for 100 ms. A case has about fifteen invocations, one per iteration, so a loop over the
    // whole stream inside the benchmark method would never be promoted and would be measured as on-stack-replaced
    // code. So every loop runs in chunk methods (GuardLoops) that an invocation calls hundreds of times, and setup
    // runs every benchmark of the allocated kind twice, resting after each pass, before BenchmarkDotNet starts.
    private void WarmUp()
    {
        for (int round = 0; round < 2; round++)
        {
            if (_dictionaries is not null)
            {
                Dictionary_Get();
                Dictionary_Set();
                Dictionary_Remove();
                Refill();
                Dictionary_RemoveInInsertionOrder();
                Refill();
            }

            if (_guarded is not null)
            {
                Guarded_Get();
                Guarded_Set();
                Guarded_Remove();
                Refill();
                Guarded_RemoveInInsertionOrder();
                Refill();
            }

            if (_guardedCas is not null)
            {
                GuardedCas_Get();
                GuardedCas_Set();
                GuardedCas_Remove();
                Refill();
            }

            Thread.Sleep(300);
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

    // Each process allocates one kind of map, so every benchmark runs the loops over that kind.
    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("get")]
    public long Dictionary_Get() => _loops.Get(); // returned, so the loads stay

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("get")]
    public long Guarded_Get() => _loops.Get();

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("set")]
    public void Dictionary_Set() => _loops.Set();

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("set")]
    public void Guarded_Set() => _loops.Set();

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("remove")]
    public int Dictionary_Remove() => _loops.Remove();

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("remove")]
    public int Guarded_Remove() => _loops.Remove();

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("get")]
    public long GuardedCas_Get() => _loops.Get();

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("set")]
    public void GuardedCas_Set() => _loops.Set();

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("remove")]
    public int GuardedCas_Remove() => _loops.Remove();

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("set")]
    public void ThreadChecked_Set() => _loops.Set();

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("remove")]
    public int ThreadChecked_Remove() => _loops.Remove();

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("remove-fifo")]
    public int Dictionary_RemoveInInsertionOrder() => _loops.RemoveInInsertionOrder();

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("remove-fifo")]
    public int Guarded_RemoveInInsertionOrder() => _loops.RemoveInInsertionOrder();

    /// <summary>The loops over the allocated kind, compiled for its exact map and key types (see <see cref="KeyOps"/>).</summary>
    private IGuardLoops CreateLoops()
    {
        GuardedDictionary<TKey, long>[]? guarded = _guarded ?? _guardedCas;
        return typeof(TKey) == typeof(long)
            ? _dictionaries is { } longDictionaries
                ? _threadChecked
                    ? Loops<KeyOps.ThreadCheckedLong, long>([.. As<Dictionary<long, long>[]>(longDictionaries).Select(map => new KeyOps.ThreadCheckedLong(map))])
                    : Loops<KeyOps.DictionaryLong, long>([.. As<Dictionary<long, long>[]>(longDictionaries).Select(map => new KeyOps.DictionaryLong(map))])
                : Loops<KeyOps.GuardedLong, long>([.. As<GuardedDictionary<long, long>[]>(guarded!).Select(map => new KeyOps.GuardedLong(map))])
            : _dictionaries is { } stringDictionaries
                ? _threadChecked
                    ? Loops<KeyOps.ThreadCheckedString, string>([.. As<Dictionary<string, long>[]>(stringDictionaries).Select(map => new KeyOps.ThreadCheckedString(map))])
                    : Loops<KeyOps.DictionaryString, string>([.. As<Dictionary<string, long>[]>(stringDictionaries).Select(map => new KeyOps.DictionaryString(map))])
                : Loops<KeyOps.GuardedString, string>([.. As<GuardedDictionary<string, long>[]>(guarded!).Select(map => new KeyOps.GuardedString(map))]);
    }

    private GuardLoops<TOps, TKeyOf> Loops<TOps, TKeyOf>(TOps[] maps)
        where TOps : struct, KeyOps.IOps<TKeyOf> =>
        new(maps, As<TKeyOf[]>(_stream), As<TKeyOf[]>(_removeOrder), As<TKeyOf[]>(_keys));

    private static T As<T>(object value)
        where T : class => (T)value;
}

/// <summary>
/// <see cref="WorkloadConfig"/>'s job, launched three times: a large map's ratio moved by up to 0.3 from one process to
/// the next on this machine (where its arrays land, what else the host runs), and the mean over three processes
/// moves less.
/// </summary>
public sealed class GuardOverheadConfig() : WorkloadConfig(launchCount: 3);
