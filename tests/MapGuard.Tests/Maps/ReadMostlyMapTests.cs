using MapGuard.Tests.Conformance;

namespace MapGuard.Tests.Maps;

public sealed class ReadMostlyMapTests : ConcurrentMapSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        new ReadMostlyMap<TKey, TValue>(comparer);
}
