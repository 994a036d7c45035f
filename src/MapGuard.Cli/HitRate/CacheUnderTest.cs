using BitFaster.Caching;
using BitFaster.Caching.Lfu;
using BitFaster.Caching.Lru;
using BitFaster.Caching.Scheduler;

namespace MapGuard.Cli.HitRate;

/// <summary>One cache policy in the hit-rate comparison: a lookup that inserts on a miss.</summary>
internal abstract class CacheUnderTest
{
    /// <summary>The policies compared, MapGuard's first; BitFaster's caches are the baselines.</summary>
    public static readonly string[] Names = ["MapGuard Lru", "MapGuard TinyLfu", "BitFaster ConcurrentLru", "BitFaster ConcurrentLfu"];

    /// <summary>Creates the policy named <paramref name="name"/> with room for <paramref name="capacity"/> keys.</summary>
    public static CacheUnderTest Create(string name, int capacity) => name switch
    {
        "MapGuard Lru" => new MapGuardCache(MapBuilder.For<long, long>().WithCapacity(capacity, Eviction.Lru).Build()),
        "MapGuard TinyLfu" => new MapGuardCache(MapBuilder.For<long, long>().WithCapacity(capacity, Eviction.TinyLfu).Build()),
        "BitFaster ConcurrentLru" => new BitFasterCache(new ConcurrentLru<long, long>(capacity)),

        // The foreground scheduler runs maintenance on the calling thread, as BitFaster's own hit-rate analysis does,
        // so its policy sees every access before the next one.
        "BitFaster ConcurrentLfu" => new BitFasterCache(new ConcurrentLfu<long, long>(1, capacity, new ForegroundScheduler(), EqualityComparer<long>.Default)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown cache"),
    };

    /// <summary>Looks <paramref name="key"/> up, inserting it on a miss. True on a hit.</summary>
    public abstract bool Access(long key);

    private sealed class MapGuardCache(IConcurrentMap<long, long> map) : CacheUnderTest
    {
        public override bool Access(long key)
        {
            if (map.TryGetValue(key, out _))
            {
                return true;
            }

            map[key] = key;
            return false;
        }
    }

    /// <summary>BitFaster's caches, through their common interface.</summary>
    private sealed class BitFasterCache(ICache<long, long> cache) : CacheUnderTest
    {
        public override bool Access(long key)
        {
            if (cache.TryGet(key, out _))
            {
                return true;
            }

            cache.AddOrUpdate(key, key);
            return false;
        }
    }
}
