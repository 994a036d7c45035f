using MapGuard.Migration;

namespace MapGuard.Tests.Diagnostics;

public sealed class MigrationMetricsTests
{
    [Fact]
    public void KnownSequence_GivesExactMigrationInstruments()
    {
        string name = $"migration-{Guid.NewGuid():N}";
        using var collector = new MetricsCollector(name);
        var source = new ConcurrentDictionaryMap<int, int>();
        for (int i = 0; i < 10; i++)
        {
            source[i] = i;
        }

        using var map = new MigratingMap<int, int>(source, new LockFreeMap<int, int>(), new MigrationOptions { Name = name, CutOverOnHitRatio = false });
        _ = map[3];                     // fallback read, backfill
        _ = map[3];                     // target hit
        Assert.True(map.ContainsKey(3)); // target hit

        Assert.Equal(
            new Dictionary<string, double> { ["target"] = 2, ["fallback"] = 1 },
            collector.Collect(MapGuardMeter.MigrationReads).ToDictionary(m => (string)m.Tags[MapGuardMeter.ServedByTag]!, m => m.Value));
        Assert.Equal(1, Assert.Single(collector.Collect(MapGuardMeter.MigrationBackfills)).Value);
        Assert.Equal(0, Assert.Single(collector.Collect(MapGuardMeter.MigrationSweptKeys)).Value);
        Assert.Equal(2.0 / 3, Assert.Single(collector.Collect(MapGuardMeter.MigrationTargetHitRatio)).Value, 6);
        Assert.Equal((double)MigrationPhase.DualWrite, Assert.Single(collector.Collect(MapGuardMeter.MigrationPhase)).Value);

        map.CutOver(TestContext.Current.CancellationToken);
        Assert.Equal((double)MigrationPhase.CutOver, Assert.Single(collector.Collect(MapGuardMeter.MigrationPhase)).Value);
        Assert.Equal(9, Assert.Single(collector.Collect(MapGuardMeter.MigrationSweptKeys)).Value); // the cut-over copies the other 9
    }
}
