using MapGuard.Testing.Migration;

namespace MapGuard.Tests.Migration;

/// <summary>MigratingMap's own behaviour: construction, backfill, the phases and their transitions, failures of the inner maps.</summary>
public sealed class MigratingMapTests
{
    [Fact]
    public void Constructor_WhenAMapIsNull_ThrowsNamingIt()
    {
        var map = new LockFreeMap<int, int>();
        Assert.Equal("from", Assert.Throws<ArgumentNullException>(() => new MigratingMap<int, int>(null!, map)).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentNullException>(() => new MigratingMap<int, int>(map, null!)).ParamName);
    }

    [Fact]
    public void Constructor_WhenSourceAndTargetAreOneMap_ThrowsNamingTo()
    {
        var map = new LockFreeMap<int, int>();
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => new MigratingMap<int, int>(map, map)).ParamName);
    }

    [Fact]
    public void Constructor_WhenTheTargetIsNotEmpty_ThrowsNamingTo()
    {
        var target = new LockFreeMap<int, int> { [1] = 1 };
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => new MigratingMap<int, int>(new ConcurrentDictionaryMap<int, int>(), target)).ParamName);
    }

    public static TheoryData<string, Action<MigrationOptions>> BadOptions => new()
    {
        { nameof(MigrationOptions.HitRatioThreshold), o => o.HitRatioThreshold = 1.01 },
        { nameof(MigrationOptions.HitRatioThreshold), o => o.HitRatioThreshold = double.NaN },
        { nameof(MigrationOptions.HitRatioWindow), o => o.HitRatioWindow = TimeSpan.Zero },
        { nameof(MigrationOptions.HitRatioHoldTime), o => o.HitRatioHoldTime = TimeSpan.FromSeconds(-1) },
        { nameof(MigrationOptions.EvaluationInterval), o => o.EvaluationInterval = TimeSpan.Zero },
        { nameof(MigrationOptions.MinimumReadsPerWindow), o => o.MinimumReadsPerWindow = 0 },
        { nameof(MigrationOptions.SweepBatchSize), o => o.SweepBatchSize = 0 },
        { nameof(MigrationOptions.SweepPause), o => o.SweepPause = TimeSpan.FromTicks(-1) },
        { nameof(MigrationOptions.LockStripes), o => o.LockStripes = 3 },
        { nameof(MigrationOptions.LockStripes), o => o.LockStripes = MigrationOptions.MaxLockStripes * 2 },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Options_RejectOutOfRangeValues_NamingTheProperty(string property, Action<MigrationOptions> set)
    {
        var options = new MigrationOptions();
        Assert.Equal(property, Assert.Throws<ArgumentOutOfRangeException>(() => set(options)).ParamName);
        Assert.Equal("TimeProvider", Assert.Throws<ArgumentNullException>(() => options.TimeProvider = null!).ParamName);
    }

    [Fact]
    public async Task Options_AreCopied_SoLaterChangesDoNotReachTheMap()
    {
        var options = new MigrationOptions { CutOverOnHitRatio = false, CutOverWhenSweepCompletes = false, LockStripes = 8 };
        var map = new MigratingMap<int, int>(new ConcurrentDictionaryMap<int, int>(), new LockFreeMap<int, int>(), options);
        options.LockStripes = 64;
        options.CutOverWhenSweepCompletes = true;
        Assert.Equal(8, map.LockStripeCount);
        await map.DrainAsync(TestContext.Current.CancellationToken);
        Assert.Equal(MigrationPhase.Draining, map.Phase);
    }

    [Fact]
    public void Read_OfAKeyOnlyInTheSource_BackfillsTheTarget_ThenHitsIt()
    {
        var (map, source, target) = Migration(keys: 10);
        Assert.Equal(3, map[3]);
        Assert.True(target.TryGetValue(3, out int copied) && copied == 3);
        Assert.True(map.ContainsKey(3));
        Assert.Equal(3, map.GetOrAdd(3, -1));

        MigrationStatistics stats = map.GetStatistics();
        Assert.Equal(1, stats.FallbackReads);
        Assert.Equal(1, stats.Backfills);
        Assert.Equal(2, stats.TargetHits);
        Assert.Equal(0, stats.Misses);
        Assert.Equal(2.0 / 3, stats.TargetHitRatio, 6);
        Assert.Equal(10, source.Count);
        Assert.Single(target);
    }

    [Fact]
    public void Read_OfAnAbsentKey_CountsAMissAndCopiesNothing()
    {
        var (map, _, target) = Migration(keys: 10);
        Assert.False(map.TryGetValue(99, out _));
        Assert.Throws<KeyNotFoundException>(() => map[99]);
        MigrationStatistics stats = map.GetStatistics();
        Assert.Equal(2, stats.Misses);
        Assert.Equal(2, stats.FallbackReads);
        Assert.Equal(0, stats.Backfills);
        Assert.True(double.IsNaN(stats.TargetHitRatio));
        Assert.True(target.IsEmpty);
    }

    [Fact]
    public void Writes_WhileMigrating_ReachBothMaps_AndCountAndEnumerationCoverTheSource()
    {
        var (map, source, target) = Migration(keys: 100);
        map[1] = 10;                                              // a source-only key, overwritten
        Assert.True(map.TryAdd(500, 5));                          // a new key
        Assert.True(map.TryUpdate(2, 20, 2));                     // a source-only key, updated
        Assert.Equal(30, map.AddOrUpdate(3, -1, (_, v) => v * 10)); // a source-only key, updated by factory
        Assert.Equal(4, map.GetOrAdd(4, _ => throw new InvalidOperationException("the key exists in the source")));
        Assert.True(map.TryRemove(5, out int removed) && removed == 5);

        foreach ((int key, int value) in new[] { (1, 10), (500, 5), (2, 20), (3, 30), (4, 4) })
        {
            Assert.Equal(value, source[key]);
            Assert.Equal(value, target[key]);
        }

        Assert.False(source.ContainsKey(5) || target.ContainsKey(5));
        Assert.Equal(100, map.Count);
        Assert.Equal(100, MapGuard.Testing.Stress.StressScenarios.CountByEnumeration(map));
    }

    [Fact]
    public void CutOver_CopiesEveryKeyTheTargetLacks_ThenUsesTheTargetAlone()
    {
        var (map, source, target) = Migration(keys: 5_000);
        var changes = new List<MigrationPhaseChangedEventArgs>();
        map.PhaseChanged += (_, e) => changes.Add(e);
        Assert.Equal(7, map[7]);

        map.CutOver(TestContext.Current.CancellationToken);

        Assert.Equal(MigrationPhase.CutOver, map.Phase);
        Assert.Equal(5_000, target.Count);
        Assert.All(Enumerable.Range(0, 5_000), k => Assert.Equal(k, target[k]));
        MigrationStatistics stats = map.GetStatistics();
        Assert.Equal(4_999, stats.SweptKeys);
        Assert.True(stats.SweepCompleted);
        var change = Assert.Single(changes);
        Assert.Equal((MigrationPhase.DualWrite, MigrationPhase.CutOver, MigrationTrigger.Requested), (change.Previous, change.Current, change.Trigger));

        // After the cut-over the source map is left alone, and the counters stop.
        map[1] = -1;
        Assert.True(map.TryRemove(2, out _));
        Assert.Equal(1, source[1]);
        Assert.True(source.ContainsKey(2));
        Assert.Equal(-1, target[1]);
        Assert.False(map.TryGetValue(2, out _));
        Assert.Equal(stats with { Phase = MigrationPhase.CutOver }, map.GetStatistics());

        map.CutOver(TestContext.Current.CancellationToken); // a second call is a no-op
        Assert.Single(changes);
        Assert.Throws<InvalidOperationException>(map.Rollback);
        Assert.Throws<InvalidOperationException>(() => { _ = map.DrainAsync(TestContext.Current.CancellationToken); });
    }

    [Fact]
    public void Rollback_KeepsEveryWrite_AndUsesTheSourceAlone()
    {
        var (map, source, target) = Migration(keys: 100);
        map[1] = 11;
        Assert.True(map.TryRemove(2, out _));
        Assert.True(map.TryAdd(1_000, 1));
        MigrationPhase? seen = null;
        map.PhaseChanged += (_, e) => seen = e.Current;

        map.Rollback();

        Assert.Equal(MigrationPhase.RolledBack, map.Phase);
        Assert.Equal(MigrationPhase.RolledBack, seen);
        Assert.Equal(11, map[1]);
        Assert.False(map.ContainsKey(2));
        Assert.Equal(1, map[1_000]);
        Assert.Equal(100, map.Count);

        int targetCount = target.Count;
        map[3] = 33;
        Assert.Equal(33, source[3]);
        Assert.Equal(targetCount, target.Count);
        Assert.False(target.ContainsKey(3));

        map.Rollback(); // a second call is a no-op
        Assert.Throws<InvalidOperationException>(() => map.CutOver(TestContext.Current.CancellationToken));
        Assert.Throws<InvalidOperationException>(() => { _ = map.DrainAsync(TestContext.Current.CancellationToken); });
    }

    [Fact]
    public async Task DrainAsync_SweepsEveryKeyNoReadCopied_ThenCutsOver()
    {
        var options = new MigrationOptions { CutOverOnHitRatio = false, SweepBatchSize = 100 };
        var (map, _, target) = Migration(keys: 10_000, options);
        for (int key = 0; key < 10; key++)
        {
            Assert.True(map.ContainsKey(key));
        }

        var phases = new List<(MigrationPhase, MigrationTrigger)>();
        map.PhaseChanged += (_, e) => phases.Add((e.Current, e.Trigger));

        await map.DrainAsync(TestContext.Current.CancellationToken);

        Assert.Equal(MigrationPhase.CutOver, map.Phase);
        Assert.Equal([(MigrationPhase.Draining, MigrationTrigger.Requested), (MigrationPhase.CutOver, MigrationTrigger.SweepCompleted)], phases);
        Assert.Equal(9_990, map.GetStatistics().SweptKeys);
        Assert.Equal(10_000, target.Count);
    }

    [Fact]
    public async Task DrainAsync_WhenCancelled_StaysDrainingAndUsable_AndASecondSweepFinishes()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var options = new MigrationOptions
        {
            CutOverOnHitRatio = false,
            CutOverWhenSweepCompletes = false,
            SweepBatchSize = 10,
            SweepPause = TimeSpan.FromSeconds(1),
            TimeProvider = time,
        };
        var (map, _, target) = Migration(keys: 100, options);
        using var cancel = new CancellationTokenSource();

        Task sweep = map.DrainAsync(cancel.Token);
        await WaitUntil(() => map.GetStatistics().SweptKeys == 10); // first batch done, now pausing on the fake clock
        Assert.Equal(MigrationPhase.Draining, map.Phase);
        Assert.Throws<InvalidOperationException>(() => { _ = map.DrainAsync(TestContext.Current.CancellationToken); });
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sweep);

        Assert.Equal(MigrationPhase.Draining, map.Phase);
        Assert.False(map.GetStatistics().SweepCompleted);
        map[1] = 100;
        Assert.Equal(100, map[1]);

        Task second = map.DrainAsync(TestContext.Current.CancellationToken);
        while (!second.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        await second;
        Assert.True(map.GetStatistics().SweepCompleted);
        Assert.Equal(MigrationPhase.Draining, map.Phase);
        Assert.Equal(100, target.Count);
    }

    [Fact]
    public async Task Dispose_CancelsARunningSweep_AndLeavesTheMapUsable()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var options = new MigrationOptions { CutOverOnHitRatio = false, SweepBatchSize = 10, SweepPause = TimeSpan.FromSeconds(1), TimeProvider = time };
        var (map, _, _) = Migration(keys: 100, options);
        Task sweep = map.DrainAsync(TestContext.Current.CancellationToken);
        await WaitUntil(() => map.GetStatistics().SweptKeys == 10);
        map.Dispose();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sweep);
        map.CutOver(TestContext.Current.CancellationToken);
        Assert.Equal(MigrationPhase.CutOver, map.Phase);
        Assert.Equal(100, map.Count);
    }

    [Fact]
    public void TargetWrite_WhenItThrows_LeavesBothMapsAsTheyWere()
    {
        var source = new ConcurrentDictionaryMap<int, int>();
        for (int key = 0; key < 10; key++)
        {
            source[key] = key;
        }

        var target = new FaultyMap<int, int>();
        var map = new MigratingMap<int, int>(source, target, MigratingMaps.Manual());
        Assert.Equal(1, map[1]); // key 1 in both maps; key 2 in the source only
        target.FailWrites = true;
        Action[] calls =
        [
            () => map[1] = 100,
            () => map[2] = 100,
            () => map[50] = 100,
            () => map.TryAdd(50, 100),
            () => map.TryUpdate(1, 100, 1),
            () => map.TryUpdate(2, 100, 2),
            () => map.GetOrAdd(50, 100),
            () => map.GetOrAdd(50, _ => 100),
            () => map.AddOrUpdate(1, 100, (_, _) => 100),
            () => map.AddOrUpdate(50, _ => 100, (_, _) => 100),
        ];

        foreach (Action call in calls)
        {
            Assert.Throws<InvalidOperationException>(call);
            Assert.Equal(10, source.Count);
            Assert.All(source, p => Assert.Equal(p.Key, p.Value));
            Assert.Equal(1, Assert.Single(target).Value);
        }

        target.FailWrites = false;
        map.CutOver(TestContext.Current.CancellationToken);
        Assert.Equal(10, target.Count);
        Assert.All(target, p => Assert.Equal(p.Key, p.Value));
    }

    [Fact]
    public async Task SourceRemove_WhenItThrows_KeepsTheKey_AndTheCutOverStillCopiesIt()
    {
        var source = new FaultyMap<int, int>();
        for (int key = 0; key < 10; key++)
        {
            source[key] = key;
        }

        var target = new LockFreeMap<int, int>();
        var map = new MigratingMap<int, int>(source, target, MigratingMaps.Manual());
        await map.DrainAsync(TestContext.Current.CancellationToken);
        Assert.True(map.GetStatistics().SweepCompleted);

        source.FailRemoves = true;
        Assert.Throws<InvalidOperationException>(() => map.TryRemove(4, out _));
        source.FailRemoves = false;

        // The target dropped key 4 before the source failed: the source still has it, and the finished sweep no longer
        // counts as proof that the target holds every key, so the cut-over copies again.
        Assert.False(target.ContainsKey(4));
        Assert.Equal(4, source[4]);
        Assert.False(map.GetStatistics().SweepCompleted);
        map.CutOver(TestContext.Current.CancellationToken);
        Assert.Equal(4, target[4]);
        Assert.Equal(4, map[4]);
        Assert.Equal(10, target.Count);
    }

    [Fact]
    public void Clear_WhileMigrating_EmptiesBothMaps()
    {
        var (map, source, target) = Migration(keys: 100);
        Assert.Equal(5, map[5]);
        map.Clear();
        Assert.True(map.IsEmpty);
        Assert.True(source.IsEmpty);
        Assert.True(target.IsEmpty);
        map[1] = 1;
        map.CutOver(TestContext.Current.CancellationToken);
        Assert.Equal(1, Assert.Single(target).Value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Differential_AcrossPhaseChanges_EveryCallMatchesADictionaryModel(int seed)
    {
        var random = new Random(seed);
        for (int run = 0; run < 40; run++)
        {
            var model = new Dictionary<int, int>();
            var source = new ConcurrentDictionaryMap<int, int>();
            for (int key = 0; key < 24; key += 2)
            {
                source[key] = key;
                model[key] = key;
            }

            var map = new MigratingMap<int, int>(source, new LockFreeMap<int, int>(), MigratingMaps.Manual(lockStripes: 4));
            int changeAt = random.Next(300);
            int change = random.Next(4);
            for (int step = 0; step < 300; step++)
            {
                if (step == changeAt)
                {
                    switch (change)
                    {
                        case 0: map.CutOver(TestContext.Current.CancellationToken); break;
                        case 1: map.Rollback(); break;
                        case 2: await map.DrainAsync(TestContext.Current.CancellationToken); break;
                        default: break;
                    }
                }

                int key = random.Next(32);
                int value = random.Next(4);
                string at = $"seed {seed} run {run} step {step} (phase {map.Phase}) key {key} value {value}";
                switch (random.Next(9))
                {
                    case 0:
                        Assert.True(map.TryGetValue(key, out int got) == model.TryGetValue(key, out int want) && got == want, at);
                        break;
                    case 1:
                        map[key] = value;
                        model[key] = value;
                        break;
                    case 2:
                        Assert.True(map.TryAdd(key, value) == model.TryAdd(key, value), at);
                        break;
                    case 3:
                        Assert.True(map.TryRemove(key, out int removed) == model.Remove(key, out int modelRemoved) && removed == modelRemoved, at);
                        break;
                    case 4:
                        bool update = model.TryGetValue(key, out int current) && current == value;
                        if (update)
                        {
                            model[key] = value + 1;
                        }

                        Assert.True(map.TryUpdate(key, value + 1, value) == update, at);
                        break;
                    case 5:
                        Assert.True(map.GetOrAdd(key, value) == (model.TryAdd(key, value) ? value : model[key]), at);
                        break;
                    case 6:
                        Assert.True(map.GetOrAdd(key, k => k + value) == (model.TryAdd(key, key + value) ? key + value : model[key]), at);
                        break;
                    case 7:
                        int next = model.TryGetValue(key, out int old) ? old * 2 : value;
                        model[key] = next;
                        Assert.True(map.AddOrUpdate(key, value, (_, v) => v * 2) == next, at);
                        break;
                    default:
                        Assert.True(map.ContainsKey(key) == model.ContainsKey(key), at);
                        break;
                }

                Assert.True(map.Count == model.Count, $"{at}: Count {map.Count}, model {model.Count}");
            }

            Assert.Equal(model.OrderBy(p => p.Key), map.OrderBy(p => p.Key));
        }
    }

    /// <summary>A migration whose source holds keys 0..keys-1 (value = key), with the automatic cut-overs off unless <paramref name="options"/> says otherwise.</summary>
    internal static (MigratingMap<int, int> Map, ConcurrentDictionaryMap<int, int> Source, LockFreeMap<int, int> Target) Migration(int keys, MigrationOptions? options = null)
    {
        var source = new ConcurrentDictionaryMap<int, int>();
        for (int key = 0; key < keys; key++)
        {
            source[key] = key;
        }

        var target = new LockFreeMap<int, int>();
        return (new MigratingMap<int, int>(source, target, options ?? MigratingMaps.Manual()), source, target);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }
    }
}
