namespace MapGuard;

/// <summary>Where a <see cref="MigratingMap{TKey, TValue}"/> is in its migration.</summary>
public enum MigrationPhase
{
    /// <summary>
    /// Every write reaches both maps. A read tries the target map first, then falls back to the source map and copies
    /// the entry over (a backfill). The source map is the authority.
    /// </summary>
    DualWrite = 0,

    /// <summary>
    /// As <see cref="DualWrite"/>, while a background sweep copies the keys no read has backfilled yet, a bounded batch
    /// at a time. Entered by <see cref="MigratingMap{TKey, TValue}.DrainAsync(CancellationToken)"/>.
    /// </summary>
    Draining = 1,

    /// <summary>The migration finished: only the target map is used, and the source map is no longer referenced.</summary>
    CutOver = 2,

    /// <summary>The migration was abandoned before cut-over: only the source map is used, and the target map is no longer referenced.</summary>
    RolledBack = 3,
}
