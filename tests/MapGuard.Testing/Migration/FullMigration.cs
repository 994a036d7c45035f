using MapGuard.Testing.Stress;

namespace MapGuard.Testing.Migration;

/// <summary>What <see cref="FullMigration.Run"/> observed.</summary>
/// <param name="OperationsPerStage">Calls made by the worker threads in each stage: dual-write, draining, cutting over, cut over.</param>
/// <param name="FinalCount">The map's count at the end.</param>
/// <param name="SweepDoneBeforeCutOver">Whether the sweep had finished when the cut-over began (otherwise the cut-over
/// had to copy the rest).</param>
public sealed record FullMigrationReport(long[] OperationsPerStage, int FinalCount, bool SweepDoneBeforeCutOver);

/// <summary>
/// A whole migration under load: worker threads write and read their own keys (and read shared pre-loaded ones)
/// without pause while a coordinator moves the migration through dual-write, a sweep, and a cut-over that does not wait
/// for the sweep for long. Each worker is
/// the only writer of its keys, so every read it makes must return exactly its own last write, and at the end the map
/// (and the target map alone, after the cut-over) must hold exactly what the workers' last writes left. Workers also
/// read each other's keys, so backfills race with the owners' removes.
/// </summary>
public static class FullMigration
{
    /// <summary>Runs the migration; throws <see cref="IntegrityException"/> on a lost, stale or resurrected entry.</summary>
    public static FullMigrationReport Run(
        Func<IConcurrentMap<int, int>, IConcurrentMap<int, int>, MigrationSubject> create,
        int threads,
        int preloaded = 100_000,
        int keysPerThread = 256,
        int stageMilliseconds = 250)
    {
        var source = new ConcurrentDictionaryMap<int, int>();
        var target = new LockFreeMap<int, int>();
        for (int key = 0; key < preloaded; key++)
        {
            source[key] = key; // shared, never written: must survive untouched
        }

        var expected = new Dictionary<int, int>[threads];
        for (int t = 0; t < threads; t++)
        {
            expected[t] = [];
            for (int k = 0; k < keysPerThread; k += 2)
            {
                int key = OwnKey(t, k);
                source[key] = -key; // half of each worker's keys start in the source map only
                expected[t][key] = -key;
            }
        }

        // Chaos: the migration sees its maps through wrappers that yield the thread now and then (the checks read the
        // maps themselves).
        MigrationSubject subject = create(new YieldingMap<int, int>(source, shift: 4), new YieldingMap<int, int>(target, shift: 4));
        IConcurrentMap<int, int> map = subject.Map;
        long[][] perStage = [.. Enumerable.Range(0, threads).Select(_ => new long[4])];
        int stage = 0;
        bool stop = false;

        bool sweepDoneBeforeCutOver = false;
        void Coordinate()
        {
            Thread.Sleep(stageMilliseconds);
            Volatile.Write(ref stage, 1);
            Task sweep = subject.Sweep();

            // Cut over when the sweep is done or after a short while, whichever comes first: a cut-over in the middle of
            // the sweep must copy the rest itself.
            sweepDoneBeforeCutOver = sweep.Wait(stageMilliseconds / 2);
            Volatile.Write(ref stage, 2);
            subject.CutOver();
            Volatile.Write(ref stage, 3);
            Thread.Sleep(stageMilliseconds);
            Volatile.Write(ref stop, true);
            sweep.GetAwaiter().GetResult();
        }

        StressHarness.Run(threads + 1, t =>
        {
            if (t == threads)
            {
                try
                {
                    Coordinate();
                }
                finally
                {
                    Volatile.Write(ref stop, true);
                }

                return;
            }

            Dictionary<int, int> mine = expected[t];
            var random = new Random(4242 + t);
            int counter = 0;
            while (!Volatile.Read(ref stop))
            {
                perStage[t][Volatile.Read(ref stage)]++;
                int key = OwnKey(t, random.Next(keysPerThread));
                int value = ++counter;
                bool had = mine.TryGetValue(key, out int old);
                switch (random.Next(8))
                {
                    case 0:
                        map[key] = value;
                        mine[key] = value;
                        break;
                    case 1:
                        StressHarness.Check(map.TryAdd(key, value) == !had, $"TryAdd({key}) disagreed with the worker's own record ({(had ? "present" : "absent")}).");
                        mine.TryAdd(key, value);
                        break;
                    case 2:
                        bool removed = map.TryRemove(key, out int gone);
                        StressHarness.Check(removed == had && (!had || gone == old), $"TryRemove({key}) returned {removed}/{gone}, the worker's record says {(had ? old : "absent")}.");
                        mine.Remove(key);
                        break;
                    case 3:
                        int stored = map.AddOrUpdate(key, value, static (_, v) => v + 1);
                        StressHarness.Check(stored == (had ? old + 1 : value), $"AddOrUpdate({key}) stored {stored}, expected {(had ? old + 1 : value)}.");
                        mine[key] = stored;
                        break;
                    case 4:
                        StressHarness.Check(map.TryUpdate(key, value, old) == had, $"TryUpdate({key}) disagreed with the worker's record.");
                        if (had)
                        {
                            mine[key] = value;
                        }

                        break;
                    case 5:
                        int got = map.GetOrAdd(key, value);
                        StressHarness.Check(got == (had ? old : value), $"GetOrAdd({key}) returned {got}, expected {(had ? old : value)}.");
                        mine[key] = got;
                        break;
                    case 6:
                        bool found = map.TryGetValue(key, out int read);
                        StressHarness.Check(found == had && (!had || read == old), $"TryGetValue({key}) returned {found}/{read}, the worker's own last write says {(had ? old : "absent")}: a lost write or a resurrected key.");
                        break;
                    case 7 when (counter & 1) == 0:
                        // Another worker's key: a read that may backfill while its owner removes it.
                        map.TryGetValue(OwnKey(random.Next(threads), random.Next(keysPerThread)), out _);
                        break;
                    default:
                        int shared = random.Next(preloaded);
                        StressHarness.Check(map.TryGetValue(shared, out int sharedValue) && sharedValue == shared, $"Pre-loaded key {shared} was lost or changed.");
                        break;
                }
            }
        });

        int total = preloaded + expected.Sum(e => e.Count);
        for (int t = 0; t < threads; t++)
        {
            for (int k = 0; k < keysPerThread; k++)
            {
                int key = OwnKey(t, k);
                bool shouldHave = expected[t].TryGetValue(key, out int value);
                bool has = map.TryGetValue(key, out int actual);
                StressHarness.Check(has == shouldHave && (!has || actual == value), $"Key {key}: map has={has} value={actual}; the last write says has={shouldHave} value={value}.");
                bool inTarget = target.TryGetValue(key, out int targetValue);
                StressHarness.Check(inTarget == shouldHave && (!inTarget || targetValue == value), $"Key {key}: after the cut-over the target map has={inTarget} value={targetValue}; expected has={shouldHave} value={value}.");
            }
        }

        for (int key = 0; key < preloaded; key++)
        {
            StressHarness.Check(target.TryGetValue(key, out int value) && value == key, $"Pre-loaded key {key} is missing from the target map after the cut-over.");
        }

        StressHarness.Check(map.Count == total, $"Count is {map.Count}, the workers' last writes leave {total}.");
        StressHarness.Check(target.Count == total, $"The target map holds {target.Count} entries, expected {total}.");
        StressHarness.Check(StressScenarios.CountByEnumeration(map) == total, "Enumeration disagrees with the expected count.");
        return new FullMigrationReport([.. Enumerable.Range(0, 4).Select(s => perStage.Sum(p => p[s]))], map.Count, sweepDoneBeforeCutOver);
    }

    private static int OwnKey(int thread, int index) => (1_000_000 * (thread + 1)) + index;
}
