using System.Diagnostics;
using MapGuard.Testing.Stress;

namespace MapGuard.StressTests.Maps;

/// <summary>
/// How long one write waits while a large <see cref="LockFreeMap{TKey, TValue}"/> is cleared or resized. The wait
/// itself is printed, not asserted (a loaded 2-core CI box preempts threads for milliseconds); what is asserted is the
/// structural cause of long waits: a write that finds the new table's direct room spent finishes the whole copy first.
/// </summary>
public sealed class LockFreeMapProgressTests
{
    private const int Keys = 4 << 20;

    // Fresh keys the writer adds while the copy runs: enough to spend the room of the old Clear table many times over.
    private const int Writes = 4_096;

    [Fact]
    public void Writes_DuringClearOf4MKeys_NeverWaitForTheWholeCopy()
    {
        var map = new LockFreeMap<long, long>(Keys);
        for (long i = 0; i < Keys; i++)
        {
            map[i] = i;
        }

        long[] waits = new long[Writes];
        int done = 0;
        StressHarness.Run(2, index =>
        {
            if (index == 0)
            {
                map.Clear();
                return;
            }

            for (int i = 0; i < Writes; i++)
            {
                long start = Stopwatch.GetTimestamp();
                Assert.True(map.TryAdd(Keys + i, i));
                waits[i] = Stopwatch.GetTimestamp() - start;
                done = i + 1;
            }
        });

        Report("Clear of 4M keys", waits, done);
        Assert.Equal(0, map.DirectLimitWaits);
        for (long i = 0; i < Keys; i += 4_099)
        {
            Assert.False(map.ContainsKey(i), $"key {i} survived Clear");
        }

        int enumerated = 0;
        foreach (KeyValuePair<long, long> entry in map)
        {
            Assert.True(entry.Key >= Keys, $"key {entry.Key} survived Clear");
            enumerated++;
        }

        Assert.Equal(enumerated, map.Count);
        Assert.InRange(map.Count, 0, Writes);
    }

    [Fact]
    public void Writes_DuringAResizeOf3MKeys_NeverWaitForTheWholeCopy()
    {
        const int filled = 3 << 20; // exactly the threshold of a 4M-slot table: the next new key starts a resize
        var map = new LockFreeMap<long, long>(filled);
        for (long i = 0; i < filled; i++)
        {
            map[i] = i;
        }

        int slots = map.SlotCount;
        long[] waits = new long[Writes];
        int done = 0;
        StressHarness.Run(2, index =>
        {
            if (index == 0)
            {
                map[-1] = -1; // starts the resize
                using IEnumerator<KeyValuePair<long, long>> finish = map.GetEnumerator();
                finish.MoveNext(); // an enumeration's first step finishes the copy
                return;
            }

            for (int i = 0; i < Writes; i++)
            {
                long start = Stopwatch.GetTimestamp();
                Assert.True(map.TryAdd(filled + i, i));
                waits[i] = Stopwatch.GetTimestamp() - start;
                done = i + 1;
            }
        });

        Report("resize of 3M keys", waits, done);
        Assert.Equal(0, map.DirectLimitWaits);
        Assert.Equal(slots * 2, map.SlotCount);
        Assert.Equal(filled + Writes + 1, map.Count);
        for (long i = 0; i < filled + Writes; i += 997)
        {
            Assert.Equal(i < filled ? i : i - filled, map[i]);
        }
    }

    private static void Report(string what, long[] waits, int done)
    {
        long[] sorted = waits[..done];
        Array.Sort(sorted);
        double Ms(long ticks) => Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds;
        TestContext.Current.SendDiagnosticMessage(
            $"{what}: {done} writes; worst single write {Ms(sorted[^1]):F2} ms (write #{Array.IndexOf(waits, sorted[^1])}), " +
            $"next worst {Ms(sorted[^2]):F2} ms, 99th percentile {Ms(sorted[done * 99 / 100]):F3} ms");
    }
}
