namespace MapGuard.Testing.Migration;

/// <summary>
/// Builds <see cref="MigratingMap{TKey, TValue}"/>s for the suites: <see cref="ConcurrentDictionaryMap{TKey, TValue}"/>
/// to <see cref="LockFreeMap{TKey, TValue}"/>, with the automatic cut-overs off unless asked for, in a chosen phase.
/// </summary>
public static class MigratingMaps
{
    /// <summary>Options with both automatic cut-overs off, so the phase changes only when a test says so.</summary>
    public static MigrationOptions Manual(int lockStripes = 0) => new()
    {
        CutOverOnHitRatio = false,
        CutOverWhenSweepCompletes = false,
        LockStripes = lockStripes,
    };

    /// <summary>An empty migrating map moved to <paramref name="phase"/> (Draining: a finished sweep, no cut-over).</summary>
    public static MigratingMap<TKey, TValue> InPhase<TKey, TValue>(MigrationPhase phase, IEqualityComparer<TKey>? comparer = null, int lockStripes = 0)
        where TKey : notnull
    {
        var map = new MigratingMap<TKey, TValue>(
            new ConcurrentDictionaryMap<TKey, TValue>(comparer), new LockFreeMap<TKey, TValue>(comparer), Manual(lockStripes), comparer);
        MoveTo(map, phase);
        return map;
    }

    /// <summary>Moves a fresh map to <paramref name="phase"/>.</summary>
    public static void MoveTo<TKey, TValue>(MigratingMap<TKey, TValue> map, MigrationPhase phase)
        where TKey : notnull
    {
        switch (phase)
        {
            case MigrationPhase.Draining:
                map.DrainAsync().GetAwaiter().GetResult();
                break;
            case MigrationPhase.CutOver:
                map.CutOver();
                break;
            case MigrationPhase.RolledBack:
                map.Rollback();
                break;
        }

        if (map.Phase != phase)
        {
            throw new InvalidOperationException($"Expected phase {phase}, got {map.Phase}.");
        }
    }
}
