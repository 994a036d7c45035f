namespace MapGuard.Testing.Migration;

/// <summary>A migration under test: the map callers use, and how to drive its phases.</summary>
/// <param name="Map">The map callers use.</param>
/// <param name="Sweep">Starts a sweep of the source map; the task completes when it is done.</param>
/// <param name="CutOver">Switches to the target map alone.</param>
public sealed record MigrationSubject(IConcurrentMap<int, int> Map, Func<Task> Sweep, Action CutOver)
{
    /// <summary>The real migration, with both automatic cut-overs off.</summary>
    public static MigrationSubject Real(IConcurrentMap<int, int> source, IConcurrentMap<int, int> target, int lockStripes = 0, int sweepBatch = 1_024)
    {
        MigrationOptions options = MigratingMaps.Manual(lockStripes);
        options.SweepBatchSize = sweepBatch;
        var map = new MigratingMap<int, int>(source, target, options);
        return new MigrationSubject(map, () => map.DrainAsync(), () => map.CutOver());
    }

    /// <summary>The deliberately naive migration.</summary>
    public static MigrationSubject Naive(IConcurrentMap<int, int> source, IConcurrentMap<int, int> target)
    {
        var map = new Broken.NaiveMigratingMap<int, int>(source, target);
        return new MigrationSubject(map, map.SweepAsync, map.CutOver);
    }
}

/// <summary>Which copy races with the remove.</summary>
public enum RacingCopy
{
    /// <summary>A read that misses the target map and backfills from the source map.</summary>
    Backfill,

    /// <summary>The background sweep.</summary>
    Sweep,
}

/// <summary>What <see cref="MigrationRaces.RemoveVersusCopy"/> saw.</summary>
/// <param name="Rounds">Rounds run.</param>
/// <param name="Raced">Rounds in which the copy was stopped right after reading the key, and the remove was started then.</param>
/// <param name="RemoverFinishedFirst">Raced rounds in which the remove completed while the copy was still stopped.</param>
/// <param name="Resurrected">Rounds that ended with the removed key back in the map.</param>
/// <param name="Example">The first resurrection, described; null if none.</param>
public sealed record RaceOutcome(int Rounds, int Raced, int RemoverFinishedFirst, int Resurrected, string? Example);

/// <summary>
/// Runs the race that breaks naive migrations on purpose: a copy (backfill or sweep) reads a key from the source map,
/// is stopped right there by a <see cref="GatedMap{TKey, TValue}"/>, and a remove of that key is started while it is
/// stopped. The remove either completes (a map without per-key locking) or waits for the copy (a correct map, until a
/// grace period runs out and the copy is let go). Then the key must be gone from the map and from both inner maps.
/// </summary>
public static class MigrationRaces
{
    private const int Keys = 16;
    private const int RacedKey = 7;

    /// <summary>Runs <paramref name="rounds"/> rounds, each on a fresh migration built by <paramref name="create"/>(source, target).</summary>
    public static RaceOutcome RemoveVersusCopy(
        Func<IConcurrentMap<int, int>, IConcurrentMap<int, int>, MigrationSubject> create,
        RacingCopy copy,
        GatedMap<int, int>.GatePoint point,
        int rounds,
        TimeSpan removerGrace)
    {
        int raced = 0, removerFirst = 0, resurrected = 0;
        string? example = null;
        for (int round = 0; round < rounds; round++)
        {
            var source = new GatedMap<int, int>(new ConcurrentDictionaryMap<int, int>());
            var target = new LockFreeMap<int, int>();
            for (int key = 0; key < Keys; key++)
            {
                source[key] = key * 10; // in the source map only: the migration must copy them
            }

            MigrationSubject subject = create(source, target);
            source.Arm(RacedKey, point);
            Task copier = copy == RacingCopy.Backfill
                ? Task.Run(() => subject.Map.TryGetValue(RacedKey, out _))
                : subject.Sweep();
            if (!source.Entered.Wait(TimeSpan.FromSeconds(10)))
            {
                source.Release.Set();
                copier.GetAwaiter().GetResult();
                continue; // the copy never read the key at this point: not a race
            }

            raced++;
            Task<bool> remover = Task.Run(() => subject.Map.TryRemove(RacedKey, out _));
            if (remover.Wait(removerGrace))
            {
                removerFirst++;
            }

            source.Release.Set();
            copier.GetAwaiter().GetResult();
            bool removed = remover.GetAwaiter().GetResult();
            bool back = subject.Map.ContainsKey(RacedKey) || target.ContainsKey(RacedKey) || source.ContainsKey(RacedKey);
            if (!removed || back)
            {
                resurrected++;
                example ??= $"round {round}: TryRemove({RacedKey}) returned {removed}; afterwards map.ContainsKey={subject.Map.ContainsKey(RacedKey)}, target has it={target.ContainsKey(RacedKey)}, source has it={source.ContainsKey(RacedKey)}";
            }
        }

        return new RaceOutcome(rounds, raced, removerFirst, resurrected, example);
    }
}
