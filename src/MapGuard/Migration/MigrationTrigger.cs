namespace MapGuard;

/// <summary>What caused a <see cref="MigratingMap{TKey, TValue}"/> to change phase.</summary>
public enum MigrationTrigger
{
    /// <summary>A call: <see cref="MigratingMap{TKey, TValue}.DrainAsync(CancellationToken)"/>,
    /// <see cref="MigratingMap{TKey, TValue}.CutOver(CancellationToken)"/> or <see cref="MigratingMap{TKey, TValue}.Rollback"/>.</summary>
    Requested = 0,

    /// <summary>The background sweep copied every key, and <see cref="MigrationOptions.CutOverWhenSweepCompletes"/> is set.</summary>
    SweepCompleted = 1,

    /// <summary>The share of reads served by the target map stayed at or above <see cref="MigrationOptions.HitRatioThreshold"/>
    /// for <see cref="MigrationOptions.HitRatioHoldTime"/>, and <see cref="MigrationOptions.CutOverOnHitRatio"/> is set.</summary>
    HitRatio = 2,
}
