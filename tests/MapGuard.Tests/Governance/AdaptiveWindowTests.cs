using MapGuard.Bounded;
using MapGuard.Bounded.Policies;

namespace MapGuard.Tests.Governance;

public sealed class AdaptiveWindowTests
{
    [Fact]
    public void TinyLfu_KeyReadRightAfterItsInsert_StaysInTheWindow()
    {
        // A window of 1 (capacity 100): each new key is read 4 times before the next arrives. The window used to link
        // the new key before making room, so the second-chance sweep passed over the read predecessor and evicted the
        // new key itself: none of the 4 reads hit.
        IConcurrentMap<int, int> map = MapBuilder.For<int, int>().WithCapacity(100, Eviction.TinyLfu).Build();
        int hits = 0;
        for (int key = 0; key < 500; key++)
        {
            map[key] = key;
            for (int read = 0; read < 4; read++)
            {
                hits += map.TryGetValue(key, out _) ? 1 : 0;
            }
        }

        Assert.Equal(2_000, hits);
    }

    [Fact]
    public void TinyLfu_OnWorkingSetsThatComeAndGo_GrowsTheWindow()
    {
        // Phases of 800 fresh keys, each read about 6 times within its phase and never again: only recency pays, so
        // the climber must move room from the main region (full of the last phases' popular keys) to the window.
        IConcurrentMap<long, long> map = MapBuilder.For<long, long>().WithCapacity(1_000, Eviction.TinyLfu).Build();
        var bounded = Assert.IsType<BoundedMap<long, long, TinyLfuPolicy<long, long>, MapGuard.Telemetry.NoTelemetry>>(map);
        int initialWindow = bounded.Policy.WindowMax;
        var random = new Random(3);
        for (int phase = 0; phase < 60; phase++)
        {
            for (int i = 0; i < 5_000; i++)
            {
                long key = (phase * 1_000L) + random.Next(800);
                if (!map.TryGetValue(key, out _))
                {
                    map[key] = key;
                }
            }
        }

        Assert.True(bounded.Policy.WindowMax >= 10 * initialWindow, $"the window is {bounded.Policy.WindowMax} of 1,000 (it started at {initialWindow})");
    }

    [Fact]
    public void Climber_MovesTheWindowTowardTheGhostRingThatCatchesMore()
    {
        var grow = new WindowClimber(1_000); // rings of 62 exits, a sample of 1,000 misses
        var shrink = new WindowClimber(1_000);
        int growMove = 0, shrinkMove = 0;
        for (uint i = 0; i < 1_000; i++)
        {
            grow.WindowExit(i);
            shrink.MainExit(i);
            growMove += grow.RecordMiss(i, full: true); // each miss is the key that just left the window
            shrinkMove += shrink.RecordMiss(i, full: true); // or the main region
        }

        Assert.Equal(grow.Move, growMove);
        Assert.Equal(-shrink.Move, shrinkMove);
        Assert.True(grow.Move > 0);
    }

    [Fact]
    public void Climber_WithoutAClearLead_HoldsTheWindow()
    {
        var climber = new WindowClimber(1_000);
        int moved = 0;
        for (uint i = 0; i < 5_000; i++)
        {
            climber.WindowExit(i);
            climber.MainExit(i);
            moved += climber.RecordMiss(i, full: true); // both rings catch every miss: a tie
            moved += climber.RecordMiss(1_000_000 + i, full: false); // and a cache that is not full never climbs
        }

        Assert.Equal(0, moved);
        Assert.Equal(0, climber.Moves);
    }

    [Fact]
    public void GhostRing_ForgetsAKeyAfterAsManyExitsAsItsLength()
    {
        var ring = new GhostRing(3);
        ring.Add(7);
        ring.Add(null);
        ring.Add(8);
        Assert.True(ring.Contains(7));
        Assert.False(ring.Contains(9));

        ring.Add(9);

        Assert.False(ring.Contains(7));
        Assert.True(ring.Contains(8));
        Assert.True(ring.Contains(9));
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(3, 8)]
    [InlineData(62, 40)]      // more exits than distinct keys: counts above one, and removals inside probe runs
    [InlineData(300, 5_000)]  // more distinct keys than the count table's first size: it grows
    public void GhostRing_AgreesWithTheLastExits_OverRandomExitsAndClears(int length, int keys)
    {
        var random = new Random(length * 7_919 + keys);
        var ring = new GhostRing(length);
        var exits = new Queue<uint?>();
        for (int step = 0; step < 20_000; step++)
        {
            if (step % 7_001 == 7_000)
            {
                ring.Clear();
                exits.Clear();
            }

            // Hashes that differ only in their high bits, or only in their low ones, share homes under a weak mix.
            uint? hash = random.Next(5) == 0 ? null : (uint)random.Next(keys) * (random.Next(2) == 0 ? 1u : 65_536u);
            ring.Add(hash);
            exits.Enqueue(hash);
            if (exits.Count > length)
            {
                exits.Dequeue();
            }

            uint probe = (uint)random.Next(keys) * (random.Next(2) == 0 ? 1u : 65_536u);
            Assert.Equal(exits.Contains(probe), ring.Contains(probe));
            if (hash is { } added)
            {
                Assert.True(ring.Contains(added));
            }
        }

        foreach (uint? exit in exits)
        {
            Assert.True(exit is null || ring.Contains(exit.Value));
        }
    }

    [Fact]
    public void GhostRing_KeyThatLeftTwice_StaysUntilItsLatestExitIsOld()
    {
        var ring = new GhostRing(2);
        ring.Add(5);
        ring.Add(5);
        ring.Add(6); // overwrites the first exit of 5, but not the second

        Assert.True(ring.Contains(5));
    }
}
