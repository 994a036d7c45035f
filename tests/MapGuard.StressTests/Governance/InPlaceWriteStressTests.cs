using System.Collections.Concurrent;
using MapGuard.Testing.Stress;

namespace MapGuard.StressTests.Governance;

/// <summary>
/// A governed map writes a new value over a live key without its lock (the entry is claimed with one CAS). These
/// scenarios race such writes against the locked operations that compare, remove or replace, and check what the claim
/// protocol promises: no write lands on an entry that has left the map, and no in-place write slips between a
/// locked operation's comparison and its effect.
/// </summary>
public sealed class InPlaceWriteStressTests
{
    private const long Key = 7;

    public static TheoryData<Eviction> Policies => [Eviction.Lru, Eviction.TinyLfu, Eviction.Reject];

    [Theory]
    [MemberData(nameof(Policies))]
    public void InPlaceSets_RacingConditionalRemoves_LoseNoValue_AndRemoveOnlyWhatWasCompared(Eviction eviction)
    {
        const int Sets = 200_000;
        var replaced = new ConcurrentQueue<long>();
        var removed = new ConcurrentQueue<long>();
        IConcurrentMap<long, long> map = MapBuilder.For<long, long>()
            .WithCapacity(1_000, eviction)
            .OnEviction(notice => (notice.Reason == EvictionReason.Removed ? removed : replaced).Enqueue(notice.Value))
            .Build();
        var compared = new List<long>();
        bool done = false;

        StressHarness.Run(2, index =>
        {
            if (index == 0)
            {
                for (long value = 1; value <= Sets; value++)
                {
                    map[Key] = value; // in place while the key is present, locked after a removal
                }

                Volatile.Write(ref done, true);
                return;
            }

            while (!Volatile.Read(ref done))
            {
                if (map.TryGetValue(Key, out long seen) && map.TryRemove(new KeyValuePair<long, long>(Key, seen)))
                {
                    compared.Add(seen);
                }
            }
        });

        // Every value written leaves exactly once: replaced by a later write, removed, or still in the map. A write
        // that landed on an entry already out of the map (not retired before it left) would be missing here.
        List<long> accounted = [.. replaced, .. removed];
        if (map.TryGetValue(Key, out long last))
        {
            accounted.Add(last);
        }

        accounted.Sort();
        Assert.Equal(Sets, accounted.Count);
        Assert.True(accounted.SequenceEqual(Enumerable.Range(1, Sets).Select(v => (long)v)), "a written value was lost or reported twice");

        // Each conditional remove removed the value it compared: an in-place write between the comparison and the
        // removal would show here as a removed value the remover never saw.
        Assert.Equal(compared, removed.ToList());

        // The scenario overlapped: both kinds of notice occurred.
        Assert.NotEmpty(compared);
        Assert.NotEmpty(replaced);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void InPlaceAndLockedIncrements_OfOneCounter_AreExact(Eviction eviction)
    {
        const int PerThread = 100_000;
        IConcurrentMap<long, long> map = MapBuilder.For<long, long>().WithCapacity(1_000, eviction).Build();
        map[Key] = 0;

        StressHarness.Run(2, index =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                if (index == 0)
                {
                    map.AddOrUpdate(Key, 1, static (_, value) => value + 1); // in place unless the entry is held
                }
                else
                {
                    long value;
                    do
                    {
                        value = map[Key];
                    }
                    while (!map.TryUpdate(Key, value + 1, value)); // locked: compares and writes under one claim
                }
            }
        });

        Assert.Equal(2L * PerThread, map[Key]);
    }
}
