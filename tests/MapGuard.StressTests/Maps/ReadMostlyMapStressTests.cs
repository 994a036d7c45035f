using MapGuard.StressTests.Suites;

namespace MapGuard.StressTests.Maps;

public sealed class ReadMostlyMapStressTests : MapStressSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>() => new ReadMostlyMap<TKey, TValue>();
}
