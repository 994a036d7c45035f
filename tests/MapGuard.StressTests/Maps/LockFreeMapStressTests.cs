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

    // Versions narrowed to 4 bits (the internal test constructor): a slot retires after 16 writes, so these runs
    // resize the table again and again under contention and check that no write is lost or torn on the way.
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void CountersAreExact_WhenSlotsRetireEvery16Writes(int threads) =>
        StressScenarios.CountersAreExact(() => new LockFreeMap<long, long>(0, null, versionBits: 4, maxCapacity: 1 << 30), threads);

    [Fact]
    public void WideValuesNeverTear_WhenSlotsRetireEvery16Writes() =>
        StressScenarios.WideValuesNeverTear(() => new LockFreeMap<int, WideValue>(0, null, versionBits: 4, maxCapacity: 1 << 30), threads: 4);

    [Fact]
    public void ChurnMatchesLastOperation_WhenSlotsRetireEvery16Writes() =>
        StressScenarios.ChurnMatchesLastOperation(() => new LockFreeMap<long, long>(0, null, versionBits: 4, maxCapacity: 1 << 30), threads: 4, operationsPerThread: 50_000);
}
