using System.Collections;
using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace MapGuard.Benchmarks.Diagnostics;

/// <summary>
/// Where a metered call's extra time goes, on one thread and a hot map (1,024 keys, so no cache misses hide it): the
/// bare LockFreeMap, the same map behind a wrapper that only forwards (the interface hop <c>MeteredMap</c> adds), and
/// the map built with <c>WithMetrics()</c> (the hop plus the count). All three are called through
/// <see cref="IConcurrentMap{TKey, TValue}"/>, as the grid's harness calls them. Each invocation makes 1,024 calls.
/// </summary>
/// <remarks>Run: dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*MeteredCall*'</remarks>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MeteredCallBenchmarks
{
    private const int Keys = 1_024;

    private readonly long[] _keys = new long[Keys];
    private IConcurrentMap<long, long> _bare = null!;
    private IConcurrentMap<long, long> _forwarded = null!;
    private IConcurrentMap<long, long> _metered = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (int i = 0; i < Keys; i++)
        {
            _keys[i] = random.NextInt64();
        }

        _bare = Fill(MapBuilder.For<long, long>().Build());
        _forwarded = new Forwarding(Fill(MapBuilder.For<long, long>().Build()));
        _metered = Fill(MapBuilder.For<long, long>().Named("metered-call").WithMetrics().Build());
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys)]
    [BenchmarkCategory("get")]
    public long Get_Bare() => Get(_bare);

    [Benchmark(OperationsPerInvoke = Keys)]
    [BenchmarkCategory("get")]
    public long Get_Forwarded() => Get(_forwarded);

    [Benchmark(OperationsPerInvoke = Keys)]
    [BenchmarkCategory("get")]
    public long Get_Metered() => Get(_metered);

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys)]
    [BenchmarkCategory("set")]
    public void Set_Bare() => Set(_bare);

    [Benchmark(OperationsPerInvoke = Keys)]
    [BenchmarkCategory("set")]
    public void Set_Forwarded() => Set(_forwarded);

    [Benchmark(OperationsPerInvoke = Keys)]
    [BenchmarkCategory("set")]
    public void Set_Metered() => Set(_metered);

    private IConcurrentMap<long, long> Fill(IConcurrentMap<long, long> map)
    {
        foreach (long key in _keys)
        {
            map[key] = key;
        }

        return map;
    }

    private long Get(IConcurrentMap<long, long> map)
    {
        long sum = 0;
        foreach (long key in _keys)
        {
            map.TryGetValue(key, out long value);
            sum += value;
        }

        return sum;
    }

    private void Set(IConcurrentMap<long, long> map)
    {
        foreach (long key in _keys)
        {
            map[key] = key; // overwrite: the map's size never changes
        }
    }

    /// <summary>Forwards every call and does nothing else: MeteredMap without the counting.</summary>
    private sealed class Forwarding(IConcurrentMap<long, long> inner) : IConcurrentMap<long, long>
    {
        public long this[long key] { get => inner[key]; set => inner[key] = value; }

        public int Count => inner.Count;

        public bool IsEmpty => inner.IsEmpty;

        public bool TryGetValue(long key, [MaybeNullWhen(false)] out long value) => inner.TryGetValue(key, out value);

        public bool TryAdd(long key, long value) => inner.TryAdd(key, value);

        public bool TryRemove(long key, [MaybeNullWhen(false)] out long value) => inner.TryRemove(key, out value);

        public bool TryUpdate(long key, long newValue, long comparisonValue) => inner.TryUpdate(key, newValue, comparisonValue);

        public long GetOrAdd(long key, long value) => inner.GetOrAdd(key, value);

        public long GetOrAdd(long key, Func<long, long> valueFactory) => inner.GetOrAdd(key, valueFactory);

        public long AddOrUpdate(long key, long addValue, Func<long, long, long> updateValueFactory) => inner.AddOrUpdate(key, addValue, updateValueFactory);

        public long AddOrUpdate(long key, Func<long, long> addValueFactory, Func<long, long, long> updateValueFactory) =>
            inner.AddOrUpdate(key, addValueFactory, updateValueFactory);

        public bool ContainsKey(long key) => inner.ContainsKey(key);

        public void Clear() => inner.Clear();

        public IEnumerator<KeyValuePair<long, long>> GetEnumerator() => inner.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
