using MapGuard.Testing.Stress;
using MapGuard.Tests.Conformance;

namespace MapGuard.Tests.Maps;

public sealed class ReadMostlyMapTests : ConcurrentMapSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        new ReadMostlyMap<TKey, TValue>(comparer);

    [Fact]
    public void EveryCall_OnKeysOfThePromotedTable_NeverTakesTheLock()
    {
        ReadMostlyMap<int, long> map = Promoted(1_000);
        long slowPaths = map.SlowPathCount;

        for (int key = 0; key < 1_000; key++)
        {
            Assert.True(map.TryGetValue(key, out long value) && value == key);
            Assert.True(map.ContainsKey(key));
            map[key] = key + 1;
            Assert.True(map.TryUpdate(key, key + 2, key + 1));
            Assert.False(map.TryUpdate(key, 0, -1));
            Assert.Equal(key + 3, map.AddOrUpdate(key, 0, static (_, v) => v + 1));
            Assert.Equal(key + 3, map.GetOrAdd(key, -1));
            Assert.Equal(key + 3, map.GetOrAdd(key, _ => -1));
            Assert.False(map.TryAdd(key, -1));

            // Remove, then bring the key back every way there is: each revives the same entry by CAS.
            Assert.True(map.TryRemove(key, out long removed) && removed == key + 3);
            Assert.False(map.TryRemove(key, out _));
            Assert.False(map.TryGetValue(key, out _));
            Assert.True(map.TryAdd(key, 1));
            Assert.True(map.TryRemove(key, out _));
            map[key] = 2;
            Assert.True(map.TryRemove(key, out _));
            Assert.Equal(3, map.GetOrAdd(key, 3));
            Assert.True(map.TryRemove(key, out _));
            Assert.Equal(4, map.GetOrAdd(key, _ => 4));
            Assert.True(map.TryRemove(key, out _));
            Assert.Equal(key, map.AddOrUpdate(key, key, static (_, v) => v + 1));
        }

        // Absent keys are answered without the lock too, while the dirty table is empty.
        Assert.False(map.TryGetValue(-5, out _));
        Assert.False(map.TryRemove(-5, out _));
        Assert.False(map.TryUpdate(-5, 1, 0));

        Assert.Equal(slowPaths, map.SlowPathCount);
        Assert.Equal(1_000, map.Count);
        Assert.All(map, p => Assert.Equal(p.Key, p.Value));
    }

    [Fact]
    public void Updates_OfKeysInThePromotedTable_AllocateNothing()
    {
        // Unoptimised (Debug) IL boxes a value-type key for the null check that every map shares; the JIT removes that
        // box from optimised code, which is what the claim is about (CI builds Release).
        bool optimized = typeof(ReadMostlyMap<,>).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
            .Cast<System.Diagnostics.DebuggableAttribute>().All(a => !a.IsJITOptimizerDisabled);
        Assert.SkipUnless(optimized, "MapGuard was built without optimisation; allocation is only measured on Release builds.");

        ReadMostlyMap<int, long> map = Promoted(1_000);
        for (int pass = 0; pass < 3; pass++)
        {
            // Passes 0 and 1 warm up the JIT (tiered compilation, the static lambda's cache); pass 2 is measured.
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int key = 0; key < 1_000; key++)
            {
                map[key] = key;
                map.TryUpdate(key, key + 1, key);
                map.AddOrUpdate(key, 0, static (_, v) => v - 1);
                map.TryGetValue(key, out _);
                map.TryRemove(key, out _);
                map.TryAdd(key, key);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (pass == 2)
            {
                Assert.Equal(0, allocated);
            }
        }
    }

    [Fact]
    public void LookupsOfADirtyKey_TakeTheLockUntilMissesPayForAPromotion()
    {
        var map = new ReadMostlyMap<int, int>();
        for (int key = 0; key < 100; key++)
        {
            map[key] = key;
        }

        // Key 99 was added last, so it waits in the dirty table (promotions so far were the growth kind).
        int dirty = map.DirtyCount;
        Assert.InRange(dirty, 1, map.ReadTableCount);
        int missesNeeded = map.ReadTableCount + dirty;
        int promotions = map.PromotionCount;
        long slowPaths = map.SlowPathCount;
        for (int miss = 1; miss < missesNeeded; miss++)
        {
            Assert.Equal(99, map[99]);
            Assert.Equal(promotions, map.PromotionCount);
        }

        Assert.Equal(slowPaths + missesNeeded - 1, map.SlowPathCount);
        Assert.Equal(99, map[99]); // the miss that pays for the copy
        Assert.Equal(promotions + 1, map.PromotionCount);
        Assert.Equal(0, map.DirtyCount);
        Assert.Equal(100, map.ReadTableCount);

        slowPaths = map.SlowPathCount;
        Assert.Equal(99, map[99]);
        Assert.False(map.ContainsKey(100));
        Assert.Equal(slowPaths, map.SlowPathCount);
    }

    [Fact]
    public void Inserts_PromoteAsTheDirtyTableOutgrowsTheReadTable_SoAtMostHalfTheKeysWaitBehindTheLock()
    {
        var map = new ReadMostlyMap<int, int>();
        for (int key = 0; key < 100_000; key++)
        {
            Assert.True(map.TryAdd(key, key));
            if (key % 997 == 0)
            {
                Assert.True(map.DirtyCount <= map.ReadTableCount, $"after {key + 1} inserts: {map.DirtyCount} dirty, {map.ReadTableCount} read");
            }
        }

        // Growth promotions double the read table: about log2(100,000) of them, not one per insert.
        Assert.InRange(map.PromotionCount, 10, 20);
        Assert.Equal(100_000, map.Count);
    }

    [Fact]
    public void RemovedKeys_KeepTheirSlotUntilTheNextPromotion_WhichDropsThem()
    {
        ReadMostlyMap<int, long> map = Promoted(1_000);
        for (int key = 0; key < 500; key++)
        {
            Assert.True(map.TryRemove(key, out _));
        }

        Assert.Equal(1_000, map.ReadTableCount);
        Assert.Equal(500, map.Count);

        map[5_000] = 5_000; // a new key: dirty, and the next enumeration promotes it
        Assert.Equal(501, StressScenarios.CountByEnumeration(map));
        Assert.Equal(501, map.ReadTableCount);
        Assert.Equal(0, map.DirtyCount);

        // A key whose entry the promotion dropped comes back through the dirty table, and is found again.
        Assert.False(map.TryGetValue(7, out _));
        Assert.True(map.TryAdd(7, 70));
        Assert.Equal(1, map.DirtyCount);
        Assert.Equal(70L, map[7]);
        Assert.Equal(502, map.Count);
    }

    [Fact]
    public void RemovingTheLastDirtyKey_MakesMissesLockFreeAgain()
    {
        ReadMostlyMap<int, long> map = Promoted(1_000);
        map[5_000] = 1;
        long slowPaths = map.SlowPathCount;
        Assert.False(map.ContainsKey(7_777)); // the dirty table might have it: ask under the lock
        Assert.Equal(slowPaths + 1, map.SlowPathCount);

        Assert.True(map.TryRemove(5_000, out long removed) && removed == 1);
        Assert.Equal(0, map.DirtyCount);
        slowPaths = map.SlowPathCount;
        Assert.False(map.ContainsKey(7_777));
        Assert.False(map.ContainsKey(5_000));
        Assert.Equal(slowPaths, map.SlowPathCount);
        Assert.Equal(1_000, map.Count);
    }

    [Fact]
    public void Promotion_NeverCallsTheComparer()
    {
        var comparer = new ThrowingComparer();
        var map = new ReadMostlyMap<int, int>(comparer);
        for (int key = 0; key < 1_000; key++)
        {
            map[key] = key;
        }

        Assert.True(map.DirtyCount > 0);

        // Poison a present key in GetHashCode: a promotion that rehashed would throw.
        comparer.Poison = 13;
        comparer.Mode = ThrowingComparer.Fault.InGetHashCode;
        Assert.Equal(1_000, StressScenarios.CountByEnumeration(map));
        Assert.Equal(0, map.DirtyCount);
        comparer.Mode = ThrowingComparer.Fault.None;
        Assert.Equal(13, map[13]);
    }

    /// <summary>A map holding keys 0..count-1 (value = key), all in the read table.</summary>
    private static ReadMostlyMap<int, long> Promoted(int count)
    {
        var map = new ReadMostlyMap<int, long>();
        for (int key = 0; key < count; key++)
        {
            map[key] = key;
        }

        _ = StressScenarios.CountByEnumeration(map); // starting an enumeration promotes the dirty table
        Assert.Equal(0, map.DirtyCount);
        Assert.Equal(count, map.ReadTableCount);
        return map;
    }
}
