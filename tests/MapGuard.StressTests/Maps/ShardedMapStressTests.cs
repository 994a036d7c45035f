using MapGuard.StressTests.Suites;

namespace MapGuard.StressTests.Maps;

public sealed class ShardedMapStressTests : MapStressSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>() => new ShardedMap<TKey, TValue>();
}
