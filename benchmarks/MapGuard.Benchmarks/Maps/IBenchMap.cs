namespace MapGuard.Benchmarks.Maps;

/// <summary>
/// The two calls a workload makes. Each map gets a struct adapter, so the generic workload loop is compiled
/// separately for every map and no call site is shared (and BenchmarkDotNet runs each case in its own process).
/// </summary>
public interface IBenchMap<TKey>
    where TKey : notnull
{
    bool TryGetValue(TKey key, out long value);

    void Write(TKey key, long value);
}
