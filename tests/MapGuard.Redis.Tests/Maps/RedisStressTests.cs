using MapGuard.Redis.Tests.Servers;
using MapGuard.StressTests.Suites;

namespace MapGuard.Redis.Tests.Maps;

/// <summary>The foundation's stress and linearizability suites against RedisMap on redis-server.</summary>
public sealed class RedisStressTests(SharedRedis redis) : MapStressSuite
{
    protected override double WorkScale => SuiteScale.Stress;

    protected override double HistoryScale => SuiteScale.Histories;

    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>() => redis.NewMap<TKey, TValue>();
}
