using MapGuard.Tests.Conformance;

namespace MapGuard.Tests.Maps;

public sealed class LockedMapTests : ConcurrentMapSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        new LockedMap<TKey, TValue>(comparer);

    [Theory]
    [InlineData(-1)]
    [InlineData(LockedMap<int, int>.MaxCapacity + 1)]
    [InlineData(int.MaxValue)] // Dictionary's prime rounding asked for an array above Array.MaxLength: OutOfMemoryException
    public void Constructor_WhenCapacityIsOutOfRange_ThrowsNamingCapacity(int capacity)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LockedMap<int, int>(capacity));

        Assert.Equal("capacity", error.ParamName);
        Assert.Equal(capacity, error.ActualValue);
    }

    [Fact]
    public void Factories_MayCallBackIntoTheMap()
    {
        var map = new LockedMap<int, int>();
        map[1] = 1;
        Assert.Equal(2, map.AddOrUpdate(1, 0, (_, v) =>
        {
            for (int i = 100; i < 200; i++)
            {
                map[i] = i; // forces the inner Dictionary to resize mid-call
            }

            return v + 1;
        }));
        Assert.Equal(2, map[1]);
        Assert.Equal(101, map.Count);
    }
}
