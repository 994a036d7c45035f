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
}
