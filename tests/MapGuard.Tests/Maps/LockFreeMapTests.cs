using MapGuard.LockFree;
using MapGuard.Tests.Conformance;

namespace MapGuard.Tests.Maps;

public sealed class LockFreeMapTests : ConcurrentMapSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        new LockFreeMap<TKey, TValue>(comparer);

    [Theory]
    [InlineData(-1)]
    [InlineData(805_306_369)] // one above the documented bound, three quarters of 2^30 slots
    [InlineData(int.MaxValue)]
    public void Constructor_WhenCapacityIsOutOfRange_ThrowsNamingCapacity(int capacity) =>
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new LockFreeMap<int, int>(capacity)).ParamName);

    [Fact]
    public void KeyChurn_OverAFixedKeySet_DoesNotGrowTheTableWithoutBound()
    {
        // 64 live keys, a million distinct keys passing through: dead slots must be reclaimed by same-size resizes.
        var map = new LockFreeMap<long, long>();
        for (long i = 0; i < 1_000_000; i++)
        {
            map[i] = i;
            if (i >= 64)
            {
                Assert.True(map.TryRemove(i - 64, out _));
            }
        }

        Assert.Equal(64, map.Count);
        Assert.InRange(map.SlotCount, 64, 1024);
    }

    [Fact]
    public void KeyChurn_WithLiveKeysUnderHalfTheTable_KeepsTheSmallestTableThatHoldsThem()
    {
        // A bounded cache's pattern: 100,000 live keys (38% of 262,144 slots), 400,000 distinct keys passing through.
        // Same-size copies reclaim the dead claims; the table must not double just because the live keys are over
        // three eighths of it (it did, to 524,288 slots, and reads of the larger table were slower).
        const int live = 100_000;
        var map = new LockFreeMap<long, long>(live);
        int slots = map.SlotCount;
        for (long i = 0; i < 4 * live; i++)
        {
            map[i] = i;
            if (i >= live)
            {
                Assert.True(map.TryRemove(i - live, out _));
            }
        }

        Assert.Equal(live, map.Count);
        Assert.Equal(262_144, slots);
        Assert.Equal(slots, map.SlotCount);
    }

    [Fact]
    public void Lookups_OfKeysOnAndPastTheirHomeSlot_SeeEveryRemoveReAddAndUpdate()
    {
        // A table filled to just under its resize threshold, so many keys sit one or more slots past home: reads
        // answer from the home slot (TryGetValueFast) or from the probe, and both must see removed keys as absent
        // (their slots stay, Dead), re-added keys and updated values. Accepting a Dead slot on the fast path fails here.
        var map = new LockFreeMap<long, long>(12_000);
        int slots = map.SlotCount;
        var expected = new Dictionary<long, long>();
        var random = new Random(7);
        for (long key = 0; key < 12_000; key++)
        {
            map[key] = key;
            expected[key] = key;
        }

        for (int step = 0; step < 60_000; step++)
        {
            long key = random.Next(12_000);
            switch (random.Next(3))
            {
                case 0:
                    Assert.Equal(expected.Remove(key), map.TryRemove(key, out _));
                    break;
                case 1:
                    map[key] = -step;
                    expected[key] = -step;
                    break;
                default:
                    Assert.Equal(expected.TryGetValue(key, out long want), map.TryGetValue(key, out long got));
                    Assert.Equal(want, got);
                    break;
            }
        }

        Assert.Equal(slots, map.SlotCount); // every slot and key stayed in the one table
        for (long key = 0; key < 12_000; key++)
        {
            Assert.Equal(expected.TryGetValue(key, out long want), map.TryGetValue(key, out long got));
            Assert.Equal(want, got);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void Constructor_WithCapacity_HoldsThatManyKeysWithoutResizing(int capacity)
    {
        var map = new LockFreeMap<int, int>(capacity);
        int slots = map.SlotCount;
        for (int i = 0; i < capacity; i++)
        {
            map[i] = i;
        }

        Assert.Equal(slots, map.SlotCount);
        Assert.Equal(capacity, map.Count);
    }

    [Fact]
    public async Task AddOrUpdate_WhenOtherWritesWrapTheSlotVersionDuringItsFactory_DoesNotLoseTheirLastWrite()
    {
        // Versions narrowed to 4 bits (the hook), so 16 writes make a full cycle instead of 2^28: the stalled
        // AddOrUpdate's CAS must not mistake the slot for the one it read.
        const int versionBits = 4;
        CancellationToken cancel = TestContext.Current.CancellationToken;
        var map = new LockFreeMap<int, int>(0, null, versionBits, maxCapacity: 1 << 30);
        map[1] = 0;
        using var entered = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        int calls = 0;
        Task<int> stalled = Task.Run(
            () => map.AddOrUpdate(1, -1, (_, current) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    entered.Set();
                    Assert.True(resume.Wait(Watchdog, cancel), "the test never resumed the factory");
                }

                return current + 1_000;
            }),
            cancel);

        Assert.True(entered.Wait(Watchdog, cancel), "the factory never ran");
        for (int i = 1; i <= 1 << versionBits; i++)
        {
            map[1] = i;
        }

        resume.Set();
        await Within(stalled, "AddOrUpdate hung");
        Assert.Equal((1 << versionBits) + 1_000, map[1]);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Readers_AfterManyVersionCyclesOnOneKey_SeeEveryValueWritten()
    {
        var map = new LockFreeMap<int, int>(0, null, versionBits: 3, maxCapacity: 1 << 30);
        for (int i = 0; i < 10_000; i++)
        {
            map[i % 5] = i;
            Assert.Equal(i, map[i % 5]);
        }

        Assert.Equal(5, map.Count);
    }

    [Fact]
    public async Task Insert_AtMaxCapacity_ThrowsOnlyWhenFullAndResizesStillRunAfterRemovals()
    {
        // Hook: the table stops at 64 slots. Inserts fill it; the one that finds no room throws without changing the
        // map; after removals, a same-size resize reclaims the dead slots so new keys fit again.
        var map = new LockFreeMap<int, int>(0, null, SlotMeta.VersionBits, maxCapacity: 64);
        Task run = Task.Run(
            () =>
            {
                for (int i = 0; i < 64; i++)
                {
                    map[i] = i;
                }

                Assert.Equal(64, map.SlotCount);
                var refused = Assert.Throws<InvalidOperationException>(() => map[1_000] = 1);
                Assert.Contains("64", refused.Message, StringComparison.Ordinal);
                Assert.False(map.ContainsKey(1_000));
                Assert.Equal(64, map.Count);
                for (int i = 0; i < 48; i++)
                {
                    Assert.True(map.TryRemove(i, out int removed));
                    Assert.Equal(i, removed);
                }

                for (int i = 100; i < 140; i++)
                {
                    Assert.True(map.TryAdd(i, i));
                }

                Assert.Equal(56, map.Count);
                for (int i = 48; i < 64; i++)
                {
                    Assert.Equal(i, map[i]);
                }
            },
            TestContext.Current.CancellationToken);

        await Within(run, "the map livelocked at its size limit");
    }

    [Fact]
    public async Task TryGetValue_WhileAnotherKeyWithTheSameHashIsMidWrite_DoesNotWaitForIt()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        var map = new LockFreeMap<int, int>(new SameHash());
        map[1] = 10;
        map[2] = 20;
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Task holder = Task.Run(() => map.HoldBusy(1, () => { held.Set(); release.Wait(Watchdog * 2, cancel); }), cancel);
        try
        {
            Assert.True(held.Wait(Watchdog, cancel), "the hook never took the busy bit");
            (bool found, int two, bool foundThree) = await Within(
                Task.Run(() => (map.TryGetValue(2, out int two), two, map.TryGetValue(3, out _)), cancel),
                "a reader of key 2 waited for the writer of key 1");
            Assert.Equal((true, 20, false), (found, two, foundThree));
            await Within(Task.Run(() => map[2] = 21, cancel), "a writer of key 2 waited for the writer of key 1");
        }
        finally
        {
            release.Set();
        }

        await Within(holder, "the hook never released the busy bit");
        Assert.Equal(10, map[1]);
        Assert.Equal(21, map[2]);
    }

    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(30);

    private static async Task<T> Within<T>(Task<T> task, string hang)
    {
        await Within((Task)task, hang);
        return await task;
    }

    private static async Task Within(Task task, string hang)
    {
        Task finished = await Task.WhenAny(task, Task.Delay(Watchdog, TestContext.Current.CancellationToken));
        Assert.True(ReferenceEquals(finished, task), hang);
        await task;
    }

    /// <summary>Every key has hash code 42: full 32-bit hash collisions on demand.</summary>
    private sealed class SameHash : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => x == y;

        public int GetHashCode(int obj) => 42;
    }
}
