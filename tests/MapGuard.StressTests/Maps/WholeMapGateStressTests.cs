using MapGuard.Testing.Migration;
using MapGuard.Testing.Stress;

namespace MapGuard.StressTests.Maps;

/// <summary>
/// The <c>Once</c> members' default bodies, on a map implemented outside the library (<see cref="YieldingMap{TKey, TValue}"/>
/// overrides none of them): one factory at a time for the whole map, still exactly once per key.
/// </summary>
public sealed class WholeMapGateStressTests
{
    private static IConcurrentMap<long, long> Create() => new YieldingMap<long, long>(new LockFreeMap<long, long>());

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void GetOrAddOnce_WithASlowFactory_RunsItExactlyOncePerKey(int threads) =>
        OnceFactoryScenarios.SlowFactoryRunsOncePerKey(Create, threads);

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void GetOrAddOnce_WhenTheFactoryThrows_StoresNothingAndRunsItOnceMore(int threads) =>
        OnceFactoryScenarios.ThrowingFactoryStoresNothingThenRunsOnceMore(Create, threads);

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void AddOrUpdateOnce_RunsTheAddFactoryOncePerKeyAndCountsExactly(int threads) =>
        OnceFactoryScenarios.AddOrUpdateOnceAddsOnceAndCountsExactly(Create, threads);
}
