using Microsoft.Extensions.Time.Testing;

namespace MapGuard.Tests.Migration;

/// <summary>
/// The automatic cut-over on the target map's hit ratio, driven by a <see cref="FakeTimeProvider"/>: the timer ticks
/// only when the test advances the clock, one evaluation interval (1 s) at a time.
/// </summary>
public sealed class MigratingMapAutoCutOverTests
{
    private const int Keys = 10_000;
    private const int HotKeys = 1_000;

    [Fact]
    public void HitRatioAboveThreshold_CutsOverAfterAFullWindowPlusTheHoldTime_AndCopiesEveryKey()
    {
        var (map, time, target) = Migration();
        var changes = new List<MigrationPhaseChangedEventArgs>();
        map.PhaseChanged += (_, e) => changes.Add(e);
        DateTimeOffset start = time.GetUtcNow();
        ReadHotKeys(map); // backfills the hot keys: their reads miss the target this once

        // Window 10 s, hold 30 s: the first full window all of whose reads hit ends at t = 11 s (its baseline is the
        // sample at t = 1 s, after the backfills), and the ratio must then hold until t = 41 s.
        for (int second = 1; second <= 40; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(MigrationPhase.DualWrite, map.Phase);
            ReadHotKeys(map);
        }

        Assert.Equal(1.0, map.GetStatistics().WindowHitRatio);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(MigrationPhase.CutOver, map.Phase);
        var change = Assert.Single(changes);
        Assert.Equal(MigrationTrigger.HitRatio, change.Trigger);
        Assert.Equal(start + TimeSpan.FromSeconds(41), change.Timestamp);

        // The cold keys, which no read touched, were copied by the cut-over itself.
        Assert.Equal(Keys, target.Count);
        Assert.All(Enumerable.Range(0, Keys), k => Assert.Equal(k, target[k]));
    }

    [Fact]
    public void ADipBelowTheThreshold_RestartsTheHoldTime()
    {
        var (map, time, _) = Migration();
        ReadHotKeys(map);
        int cold = HotKeys;
        for (int second = 1; second <= 30; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            ReadHotKeys(map);
        }

        // Two cold reads in one second: 2 backfills among about 10,000 reads in the window is 99.98%, still above
        // 99.9%; 20 are 99.8%, below it, for the ten seconds they stay in the window.
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(cold, map[cold]);
            cold++;
        }

        for (int second = 31; second <= 50; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(MigrationPhase.DualWrite, map.Phase);
            ReadHotKeys(map);
        }

        double dipped = map.GetStatistics().WindowHitRatio;
        Assert.True(dipped >= 0.999, $"window ratio {dipped} after the dip left the window");

        // The dip left the window at t = 41 s; the hold restarts there and ends at t = 71 s.
        for (int second = 51; second <= 70; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(MigrationPhase.DualWrite, map.Phase);
            ReadHotKeys(map);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(MigrationPhase.CutOver, map.Phase);
    }

    [Fact]
    public void TooFewReads_NeverCountAsEvidence()
    {
        var (map, time, _) = Migration();
        for (int second = 1; second <= 120; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            for (int key = 0; key < 99; key++)
            {
                Assert.Equal(key, map[key]); // 990 reads per 10 s window, all hits after the first second: below the minimum
            }
        }

        Assert.Equal(MigrationPhase.DualWrite, map.Phase);
        Assert.True(double.IsNaN(map.GetStatistics().WindowHitRatio));
    }

    [Fact]
    public void Dispose_StopsTheTimer()
    {
        var (map, time, _) = Migration();
        map.Dispose();
        for (int second = 1; second <= 60; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            ReadHotKeys(map);
        }

        Assert.Equal(MigrationPhase.DualWrite, map.Phase);
    }

    [Fact]
    public void AManualCutOver_StopsTheTimer()
    {
        var (map, time, _) = Migration();
        map.CutOver(TestContext.Current.CancellationToken);
        for (int second = 1; second <= 60; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(MigrationPhase.CutOver, map.Phase);
        Assert.Null(map.BackgroundError);
    }

    private static void ReadHotKeys(MigratingMap<int, int> map)
    {
        for (int key = 0; key < HotKeys; key++)
        {
            Assert.Equal(key, map[key]);
        }
    }

    private static (MigratingMap<int, int> Map, FakeTimeProvider Time, LockFreeMap<int, int> Target) Migration()
    {
        var time = new FakeTimeProvider();
        var source = new ConcurrentDictionaryMap<int, int>();
        for (int key = 0; key < Keys; key++)
        {
            source[key] = key;
        }

        var target = new LockFreeMap<int, int>();
        var options = new MigrationOptions
        {
            TimeProvider = time,
            HitRatioThreshold = 0.999,
            HitRatioWindow = TimeSpan.FromSeconds(10),
            HitRatioHoldTime = TimeSpan.FromSeconds(30),
            EvaluationInterval = TimeSpan.FromSeconds(1),
            MinimumReadsPerWindow = 1_000,
            CutOverWhenSweepCompletes = false,
        };
        return (new MigratingMap<int, int>(source, target, options), time, target);
    }
}
