using MapGuard.Testing.Flooding;

namespace MapGuard.StressTests.Flooding;

/// <summary>
/// LockFreeMap's move from its fast start (the unseeded string hash, or integer keys placed by their own low bits) to
/// the randomized or seeded hash happens while other threads read and write: the rebuild is a resize that rehashes
/// each key as it migrates, and every write, read and redirect that crosses it must use the hash and placement of the
/// table it probes. Writers update ordinary keys with values that only grow, readers check that they never go back,
/// and one thread inserts colliding keys until the map switches mid-run.
/// </summary>
public sealed class LockFreeMapHashSwitchStressTests
{
    private const int Keys = 4_096;
    private const int Writers = 2;

    [Fact]
    public void TheSwitch_UnderConcurrentWritesAndReads_LosesNoWriteAndNeverGoesBack()
    {
        string[] keys = Enumerable.Range(0, Keys).Select(i => $"order-{i:D9}").ToArray();
        for (int round = 0; round < 5; round++)
        {
            RunRound(keys, AdversarialKeys.StringsCollidingUnderFastStringHash(64));
        }
    }

    [Fact]
    public void TheSwitchFromIdentityPlacement_UnderConcurrentWritesAndReads_LosesNoWriteAndNeverGoesBack()
    {
        // Sequential IDs fill slots 0..Keys-1; every attack key has low bits 0, so its probe runs the whole cluster.
        long[] keys = Enumerable.Range(0, Keys).Select(i => (long)i).ToArray();
        long[] attack = Enumerable.Range(1, 64).Select(i => (long)i << 40).ToArray();
        for (int round = 0; round < 5; round++)
        {
            RunRound(keys, attack);
        }
    }

    private static void RunRound<TKey>(TKey[] keys, TKey[] attack)
        where TKey : notnull
    {
        var map = new LockFreeMap<TKey, long>();
        foreach (TKey key in keys)
        {
            map[key] = 0;
        }

        Assert.False(map.HashIsRandomized);
        using var start = new Barrier(Writers + 2);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // watchdog: a hang fails, not blocks
        long[][] lastWritten = new long[Writers][];
        string? failure = null;
        var threads = new List<Thread>();
        for (int w = 0; w < Writers; w++)
        {
            int writer = w;
            lastWritten[writer] = new long[Keys];
            threads.Add(new Thread(() =>
            {
                start.SignalAndWait();
                // Writer w owns keys w, w + Writers, ...; each write stores a larger value than the one before.
                for (long version = 1; version <= 40 && !stop.IsCancellationRequested; version++)
                {
                    for (int i = writer; i < Keys; i += Writers)
                    {
                        map[keys[i]] = version;
                        lastWritten[writer][i] = version;
                    }
                }
            }));
        }

        threads.Add(new Thread(() =>
        {
            start.SignalAndWait();
            long[] seen = new long[Keys];
            for (int pass = 0; pass < 60 && failure is null && !stop.IsCancellationRequested; pass++)
            {
                for (int i = 0; i < Keys; i++)
                {
                    if (!map.TryGetValue(keys[i], out long value) || value < seen[i])
                    {
                        failure = $"key {keys[i]}: read {(map.ContainsKey(keys[i]) ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "absent")} after {seen[i]}";
                        return;
                    }

                    seen[i] = value;
                }
            }
        }));

        threads.Add(new Thread(() =>
        {
            start.SignalAndWait();
            Thread.Sleep(1); // let the writers get going, so the switch lands among their writes
            for (int i = 0; i < attack.Length; i++)
            {
                map[attack[i]] = -i - 1;
            }
        }));

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.False(stop.IsCancellationRequested, "the round did not finish within the watchdog");
        Assert.Null(failure);
        Assert.True(map.HashIsRandomized);
        Assert.Equal(Keys + attack.Length, map.Count);
        for (int i = 0; i < Keys; i++)
        {
            Assert.Equal(lastWritten[i % Writers][i], map[keys[i]]);
        }

        for (int i = 0; i < attack.Length; i++)
        {
            Assert.Equal(-i - 1, map[attack[i]]);
        }
    }
}
