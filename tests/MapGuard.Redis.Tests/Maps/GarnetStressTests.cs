using MapGuard.Redis.Tests.Servers;
using MapGuard.StressTests.Suites;

namespace MapGuard.Redis.Tests.Maps;

/// <summary>The foundation's stress and linearizability suites against RedisMap on Garnet.</summary>
public sealed class GarnetStressTests(SharedGarnet garnet) : MapStressSuite
{
    protected override double WorkScale => SuiteScale.Stress;

    protected override double HistoryScale => SuiteScale.Histories;

    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>() => garnet.NewMap<TKey, TValue>();
}
