using MapGuard.Redis.Tests.Servers;
using MapGuard.Tests.Conformance;

namespace MapGuard.Redis.Tests.Maps;

/// <summary>The foundation's conformance, differential and exception-safety suite against RedisMap on Garnet.</summary>
public sealed class GarnetConformanceTests(SharedGarnet garnet) : ConcurrentMapSuite
{
    protected override double WorkScale => SuiteScale.Conformance;

    protected override bool SupportsCustomComparers => false;

    protected override bool GatesEachKey => false;

    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        garnet.NewMap<TKey, TValue>(comparer);
}
