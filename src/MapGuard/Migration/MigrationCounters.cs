using MapGuard.Internal;

namespace MapGuard.Migration;

/// <summary>
/// The raw counters of one <see cref="MigratingMap{TKey, TValue}"/>, striped so that the read path's increment does not
/// bounce one cache line between cores. Observable instruments read them with <see cref="StripedCounter.Sum"/>;
/// nothing on a hot path calls into System.Diagnostics.Metrics.
/// </summary>
internal sealed class MigrationCounters
{
    /// <summary>Gets the reads answered by the target map.</summary>
    public StripedCounter TargetHits { get; } = new();

    /// <summary>Gets the reads that took the key's lock to consult the source map.</summary>
    public StripedCounter FallbackReads { get; } = new();

    /// <summary>Gets the fallback reads that copied an entry to the target map.</summary>
    public StripedCounter Backfills { get; } = new();

    /// <summary>Gets the fallback reads of keys neither map held.</summary>
    public StripedCounter Misses { get; } = new();

    /// <summary>Gets the keys the sweep copied to the target map.</summary>
    public StripedCounter SweptKeys { get; } = new();
}
