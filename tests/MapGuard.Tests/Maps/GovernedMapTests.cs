using MapGuard.Tests.Conformance;

namespace MapGuard.Tests.Maps;

// The contract suite against builder-made maps: each eviction policy, expiry and rules over each strategy. Capacities
// are far above what the suite stores, so nothing is evicted and the maps must behave exactly as unbounded ones.

public sealed class TinyLfuOverLockFreeMapTests : ConcurrentMapSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        GovernedMaps.Builder<TKey, TValue>(MapStrategy.LockFree, comparer).WithCapacity(1 << 18, Eviction.TinyLfu).Build();
}

public sealed class LruOverShardedMapTests : ConcurrentMapSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        GovernedMaps.Builder<TKey, TValue>(MapStrategy.Sharded, comparer).WithCapacity(1 << 18, Eviction.Lru).Build();
}

public sealed class RejectOverReadMostlyMapTests : ConcurrentMapSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        GovernedMaps.Builder<TKey, TValue>(MapStrategy.ReadMostly, comparer).WithCapacity(1 << 18, Eviction.Reject).Build();
}

public sealed class ExpiringLockedMapTests : ConcurrentMapSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        GovernedMaps.Builder<TKey, TValue>(MapStrategy.Locked, comparer)
            .ExpireAfterWrite(TimeSpan.FromHours(1))
            .ExpireAfterAccess(TimeSpan.FromHours(1))
            .OnEviction(_ => { })
            .Build();
}

public sealed class RuledConcurrentDictionaryMapTests : ConcurrentMapSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        GovernedMaps.Builder<TKey, TValue>(MapStrategy.ConcurrentDictionary, comparer)
            .Named("ruled")
            .WithKeyRule("always", _ => true)
            .WithValueRule("always", _ => true)
            .Build();
}

internal static class GovernedMaps
{
    public static MapBuilder<TKey, TValue> Builder<TKey, TValue>(MapStrategy strategy, IEqualityComparer<TKey>? comparer)
        where TKey : notnull
    {
        MapBuilder<TKey, TValue> builder = MapBuilder.For<TKey, TValue>().Use(strategy);
        return comparer is null ? builder : builder.WithComparer(comparer);
    }
}
