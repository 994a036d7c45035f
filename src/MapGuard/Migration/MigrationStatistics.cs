namespace MapGuard;

/// <summary>
/// A snapshot of a <see cref="MigratingMap{TKey, TValue}"/>'s counters, from
/// <see cref="MigratingMap{TKey, TValue}.GetStatistics"/>. The counters cover the migrating phases
/// (<see cref="MigrationPhase.DualWrite"/> and <see cref="MigrationPhase.Draining"/>) and stop moving at cut-over or
/// rollback. Each is read without a lock: exact when no call is in flight, otherwise within the calls in flight.
/// </summary>
public sealed record MigrationStatistics
{
    /// <summary>Gets the phase when the snapshot was taken.</summary>
    public required MigrationPhase Phase { get; init; }

    /// <summary>Gets the reads answered by the target map.</summary>
    public required long TargetHits { get; init; }

    /// <summary>Gets the reads that missed the target map and consulted the source map under the key's lock.</summary>
    public required long FallbackReads { get; init; }

    /// <summary>Gets the fallback reads that found the key in the source map and copied it to the target map.</summary>
    public required long Backfills { get; init; }

    /// <summary>Gets the fallback reads of keys neither map held.</summary>
    public required long Misses { get; init; }

    /// <summary>Gets the keys the sweep copied to the target map (keys it found already there are not counted).</summary>
    public required long SweptKeys { get; init; }

    /// <summary>Gets whether a sweep pass finished, so the target map holds every key of the source map.</summary>
    public required bool SweepCompleted { get; init; }

    /// <summary>
    /// Gets the share of reads of existing keys that the target map answered since the migration began:
    /// <see cref="TargetHits"/> / (<see cref="TargetHits"/> + <see cref="Backfills"/>), or <see cref="double.NaN"/> before
    /// the first such read. Reads of absent keys (<see cref="Misses"/>) are left out: the target map cannot answer
    /// them alone until the sweep completes, however warm it is.
    /// </summary>
    public double TargetHitRatio => TargetHits + Backfills == 0 ? double.NaN : (double)TargetHits / (TargetHits + Backfills);

    /// <summary>
    /// Gets the same ratio over the last full <see cref="MigrationOptions.HitRatioWindow"/>, as last evaluated for the
    /// automatic cut-over; <see cref="double.NaN"/> when no full window with
    /// <see cref="MigrationOptions.MinimumReadsPerWindow"/> reads has been evaluated yet (or the automatic cut-over
    /// on hit ratio is off).
    /// </summary>
    public required double WindowHitRatio { get; init; }
}
