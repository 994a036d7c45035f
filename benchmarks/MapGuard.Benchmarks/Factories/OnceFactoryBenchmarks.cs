using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BitFaster.Caching.Atomic;

namespace MapGuard.Benchmarks.Factories;

/// <summary>
/// The cost of a get-or-add whose factory runs at most once per key, on one thread: MapGuard's <c>GetOrAddOnce</c>
/// (plain values, a gate touched only on a miss) against the usual <see cref="ConcurrentDictionary{TKey, TValue}"/> of
/// <see cref="Lazy{T}"/> (the baseline) and BitFaster.Caching's <see cref="AtomicFactory{K, V}"/> values. The plain
/// <c>GetOrAdd</c> rows, which promise nothing about the factory, show what the promise costs.
/// <list type="bullet">
/// <item><c>Hit</c>: every key is present; one call per key.</item>
/// <item><c>Miss</c>: a fresh map per invocation, and every call adds its key (map creation included, the same for every row).</item>
/// </list>
/// Run: <c>dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*OnceFactoryBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class OnceFactoryBenchmarks
{
    private const int Keys = 1_024;

    private static readonly Func<long, long> s_factory = static key => key * 2;

    private ConcurrentDictionary<long, Lazy<long>> _lazy = null!;
    private ConcurrentDictionary<long, AtomicFactory<long, long>> _atomic = null!;
    private ConcurrentDictionary<long, long> _plain = null!;
    private LockFreeMap<long, long> _lockFree = null!;
    private ShardedMap<long, long> _sharded = null!;

    [GlobalSetup]
    public void Setup()
    {
        _lazy = new ConcurrentDictionary<long, Lazy<long>>();
        _atomic = new ConcurrentDictionary<long, AtomicFactory<long, long>>();
        _plain = new ConcurrentDictionary<long, long>();
        _lockFree = new LockFreeMap<long, long>();
        _sharded = new ShardedMap<long, long>();
        for (long key = 0; key < Keys; key++)
        {
            _ = LazyGetOrAdd(_lazy, key);
            _ = _atomic.GetOrAdd(key, s_factory);
            _ = _plain.GetOrAdd(key, s_factory);
            _ = _lockFree.GetOrAddOnce(key, s_factory);
            _ = _sharded.GetOrAddOnce(key, s_factory);
        }
    }

    [BenchmarkCategory("Hit")]
    [Benchmark(Baseline = true, OperationsPerInvoke = Keys)]
    public long Hit_ConcurrentDictionaryOfLazy()
    {
        long sum = 0;
        for (long key = 0; key < Keys; key++)
        {
            sum += LazyGetOrAdd(_lazy, key);
        }

        return sum;
    }

    [BenchmarkCategory("Hit")]
    [Benchmark(OperationsPerInvoke = Keys)]
    public long Hit_BitFasterAtomicFactory()
    {
        long sum = 0;
        for (long key = 0; key < Keys; key++)
        {
            sum += _atomic.GetOrAdd(key, s_factory);
        }

        return sum;
    }

    [BenchmarkCategory("Hit")]
    [Benchmark(OperationsPerInvoke = Keys)]
    public long Hit_LockFreeMapGetOrAddOnce()
    {
        long sum = 0;
        for (long key = 0; key < Keys; key++)
        {
            sum += _lockFree.GetOrAddOnce(key, s_factory);
        }

        return sum;
    }

    [BenchmarkCategory("Hit")]
    [Benchmark(OperationsPerInvoke = Keys)]
    public long Hit_ShardedMapGetOrAddOnce()
    {
        long sum = 0;
        for (long key = 0; key < Keys; key++)
        {
            sum += _sharded.GetOrAddOnce(key, s_factory);
        }

        return sum;
    }

    [BenchmarkCategory("Hit")]
    [Benchmark(OperationsPerInvoke = Keys)]
    public long Hit_ConcurrentDictionaryGetOrAdd()
    {
        long sum = 0;
        for (long key = 0; key < Keys; key++)
        {
            sum += _plain.GetOrAdd(key, s_factory);
        }

        return sum;
    }

    [BenchmarkCategory("Miss")]
    [Benchmark(Baseline = true, OperationsPerInvoke = Keys)]
    public long Miss_ConcurrentDictionaryOfLazy()
    {
        var map = new ConcurrentDictionary<long, Lazy<long>>();
        long sum = 0;
        for (long key = 0; key < Keys; key++)
        {
            sum += LazyGetOrAdd(map, key);
        }

        return sum;
    }

    [BenchmarkCategory("Miss")]
    [Benchmark(OperationsPerInvoke = Keys)]
    public long Miss_BitFasterAtomicFactory()
    {
        var map = new ConcurrentDictionary<long, AtomicFactory<long, long>>();
        long sum = 0;
        for (long key = 0; key < Keys; key++)
        {
            sum += map.GetOrAdd(key, s_factory);
        }

        return sum;
    }

    [BenchmarkCategory("Miss")]
    [Benchmark(OperationsPerInvoke = Keys)]
    public long Miss_LockFreeMapGetOrAddOnce()
    {
        var map = new LockFreeMap<long, long>();
        long sum = 0;
        for (long key = 0; key < Keys; key++)
        {
            sum += map.GetOrAddOnce(key, s_factory);
        }

        return sum;
    }

    [BenchmarkCategory("Miss")]
    [Benchmark(OperationsPerInvoke = Keys)]
    public long Miss_ShardedMapGetOrAddOnce()
    {
        var map = new ShardedMap<long, long>();
        long sum = 0;
        for (long key = 0; key < Keys; key++)
        {
            sum += map.GetOrAddOnce(key, s_factory);
        }

        return sum;
    }

    [BenchmarkCategory("Miss")]
    [Benchmark(OperationsPerInvoke = Keys)]
    public long Miss_ConcurrentDictionaryGetOrAdd()
    {
        var map = new ConcurrentDictionary<long, long>();
        long sum = 0;
        for (long key = 0; key < Keys; key++)
        {
            sum += map.GetOrAdd(key, s_factory);
        }

        return sum;
    }

    // The usual workaround: a Lazy per entry, in ExecutionAndPublication mode (the default), so its factory runs once.
    private static long LazyGetOrAdd(ConcurrentDictionary<long, Lazy<long>> map, long key) =>
        map.GetOrAdd(key, static k => new Lazy<long>(() => s_factory(k))).Value;
}
