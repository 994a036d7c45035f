using MapGuard.StressTests.Suites;

namespace MapGuard.StressTests.Maps;

public sealed class LockedMapStressTests : MapStressSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>() => new LockedMap<TKey, TValue>();
}
