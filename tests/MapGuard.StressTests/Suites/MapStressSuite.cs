using MapGuard.Testing.Stress;

namespace MapGuard.StressTests.Suites;

/// <summary>
/// Bounded stress tests every map must pass, with 2 threads and with 4 (oversubscribing the 2-core CI machine finds
/// more interleavings). Each scenario checks the map's data at the end; see <see cref="StressScenarios"/>.
/// </summary>
public abstract partial class MapStressSuite
{
    /// <summary>Creates an empty map of the type under test.</summary>
    protected abstract IConcurrentMap<TKey, TValue> Create<TKey, TValue>()
        where TKey : notnull;

    /// <summary>
    /// The share of each scenario's full operation count to run: 1 for in-process maps; a map behind a network round
    /// trip (RedisMap) overrides it so the suite stays within CI's time.
    /// </summary>
    protected virtual double WorkScale => 1.0;

    /// <summary><paramref name="full"/> scaled by <see cref="WorkScale"/>, at least 1.</summary>
    protected int Scaled(int full) => Math.Max(1, (int)(full * WorkScale));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void AddOrUpdateCounters_AreExact(int threads) =>
        StressScenarios.CountersAreExact(Create<long, long>, threads, incrementsPerKey: Scaled(4_000));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ContestedTryAdd_HasExactlyOneWinnerPerKey(int threads) =>
        StressScenarios.ContestedTryAddHasOneWinner(Create<long, long>, threads, keys: Scaled(50_000));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ContestedTryRemove_SucceedsExactlyOncePerKey(int threads) =>
        StressScenarios.ContestedTryRemoveHasOneWinner(Create<long, long>, threads, keys: Scaled(50_000));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void AddRemoveChurn_PresenceAndCountMatchEachThreadsLastOperation(int threads) =>
        StressScenarios.ChurnMatchesLastOperation(Create<long, long>, threads, operationsPerThread: Scaled(100_000));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ResizeStorm_To800kKeys_LosesNothing(int threads) =>
        StressScenarios.ResizeStormLosesNothing(Create<long, long>, threads, totalKeys: Scaled(800_000));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void WideStructValues_NeverTear(int threads) =>
        StressScenarios.WideValuesNeverTear(Create<int, WideValue>, threads, operationsPerThread: Scaled(200_000));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void GetOrAddOnce_WithASlowFactory_RunsItExactlyOncePerKey(int threads) =>
        OnceFactoryScenarios.SlowFactoryRunsOncePerKey(Create<long, long>, threads, keys: Scaled(40));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void GetOrAddOnce_WhenTheFactoryThrows_StoresNothingAndRunsItOnceMore(int threads) =>
        OnceFactoryScenarios.ThrowingFactoryStoresNothingThenRunsOnceMore(Create<long, long>, threads, keys: Scaled(40));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void AddOrUpdateOnce_RunsTheAddFactoryOncePerKeyAndCountsExactly(int threads) =>
        OnceFactoryScenarios.AddOrUpdateOnceAddsOnceAndCountsExactly(Create<long, long>, threads, keys: Scaled(40));
}
