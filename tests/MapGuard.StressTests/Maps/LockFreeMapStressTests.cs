using MapGuard.StressTests.Suites;
using MapGuard.Testing.Stress;

namespace MapGuard.StressTests.Maps;

public sealed class LockFreeMapStressTests : MapStressSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>() => new LockFreeMap<TKey, TValue>();

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ResizeStorm_FromCapacityOneTo1MKeys_LosesNothing(int threads) =>
        StressScenarios.ResizeStormLosesNothing(() => new LockFreeMap<long, long>(1), threads, totalKeys: 1 << 20);
}
