using System.Collections.Concurrent;
using MapGuard.Bounded;
using MapGuard.Bounded.Policies;
using MapGuard.Testing.Stress;

namespace MapGuard.StressTests.Governance;

/// <summary>
/// Adaptive W-TinyLFU moves entries and room between its window and main regions while writers add keys. Four threads
/// alternate between a loop over a few more keys than the map holds (evicted keys soon come back: the window's ghost
/// ring catches them) and a skewed draw over a larger key set (the main region's ghost ring catches its victims), so
/// the climber keeps resizing the window; a fifth watches Count. Count never exceeds the capacity, no key ever reads
/// another key's value, and at the end the map, its policy's queues and the eviction notices agree exactly.
/// </summary>
public sealed class WindowResizeStressTests
{
    private const int Writers = 4;
    private const int Capacity = 1_000;
    private const int OpsPerWriter = 60_000;
    private const int PhaseLength = 5_000; // accesses per phase: a few climber samples (one per capacity's worth of misses)

    [Fact]
    public void ConcurrentAdds_WhileTheWindowResizes_KeepCountWithinCapacityAndNoticesExact()
    {
        long capacityEvictions = 0;
        var wrongValues = new ConcurrentQueue<string>();
        IConcurrentMap<long, long> map = MapBuilder.For<long, long>()
            .UseLockFree()
            .WithCapacity(Capacity, Eviction.TinyLfu)
            .OnEviction(notice =>
            {
                if (notice.Value != ValueOf(notice.Key))
                {
                    wrongValues.Enqueue($"notice for {notice.Key} carried {notice.Value}");
                }

                if (notice.Reason == EvictionReason.Capacity)
                {
                    Interlocked.Increment(ref capacityEvictions);
                }
            })
            .Build();
        var bounded = Assert.IsType<BoundedMap<long, long, TinyLfuPolicy<long, long>, MapGuard.Telemetry.NoTelemetry>>(map);
        long inserted = 0;
        int finished = 0, maxCount = 0, minWindow = int.MaxValue, maxWindow = 0;

        StressHarness.Run(Writers + 1, index =>
        {
            if (index == Writers)
            {
                while (Volatile.Read(ref finished) < Writers)
                {
                    maxCount = Math.Max(maxCount, map.Count);
                    int window = bounded.Policy.WindowMax; // RACE(benign): an int read for the record only
                    minWindow = Math.Min(minWindow, window);
                    maxWindow = Math.Max(maxWindow, window);
                }

                return;
            }

            var random = new Random(index);
            for (int i = 0; i < OpsPerWriter; i++)
            {
                bool loop = (i / PhaseLength) % 2 == 0;
                long key = loop ? i % (Capacity + (Capacity / 5)) : 100_000 + (long)(Math.Pow(random.NextDouble(), 3) * 5_000);
                if (map.TryGetValue(key, out long value))
                {
                    if (value != ValueOf(key))
                    {
                        wrongValues.Enqueue($"key {key} read {value}");
                    }
                }
                else if (map.TryAdd(key, ValueOf(key)))
                {
                    Interlocked.Increment(ref inserted);
                }

                maxCount = Math.Max(maxCount, map.Count);
            }

            Interlocked.Increment(ref finished);
        });

        Assert.Empty(wrongValues);
        Assert.InRange(maxCount, 1, Capacity);
        Assert.True(bounded.Policy.WindowMoves >= 10, $"the window moved only {bounded.Policy.WindowMoves} times; the test did not exercise resizing");
        Assert.True(maxWindow > minWindow, $"the window stayed at {minWindow}");
        KeyValuePair<long, long>[] entries = map.ToArray();
        Assert.Equal(map.Count, entries.Length);
        Assert.Equal(map.Count, bounded.Policy.Tracked);
        Assert.All(entries, pair => Assert.Equal(ValueOf(pair.Key), pair.Value));
        Assert.Equal(Interlocked.Read(ref inserted) - map.Count, Interlocked.Read(ref capacityEvictions));
    }

    private static long ValueOf(long key) => (key * 31) + 7;
}
