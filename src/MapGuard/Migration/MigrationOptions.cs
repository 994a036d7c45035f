using MapGuard.Internal;

namespace MapGuard;

/// <summary>
/// Settings of a <see cref="MigratingMap{TKey, TValue}"/>: when it cuts over on its own, how its background sweep
/// paces itself, and where it reads the time. Each setter rejects an out-of-range value with an exception naming the
/// property. The map copies the settings when it is constructed; later changes to this object do not reach it.
/// </summary>
public sealed class MigrationOptions
{
    /// <summary>The largest <see cref="LockStripes"/> accepted.</summary>
    public const int MaxLockStripes = 1 << 16;

    private double _hitRatioThreshold = 0.999;
    private TimeSpan _hitRatioWindow = TimeSpan.FromSeconds(10);
    private TimeSpan _hitRatioHoldTime = TimeSpan.FromSeconds(30);
    private TimeSpan _evaluationInterval = TimeSpan.FromSeconds(1);
    private long _minimumReadsPerWindow = 1_000;
    private int _sweepBatchSize = 1_024;
    private TimeSpan _sweepPause = TimeSpan.Zero;
    private int _lockStripes;
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>
    /// Gets or sets the migration's name: the <c>map</c> tag of its <c>mapguard.migration.*</c> instruments. Null (the
    /// default) reports under the type's name.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// Gets or sets whether the map cuts over on its own once the share of reads served by the target map has stayed at
    /// or above <see cref="HitRatioThreshold"/> for <see cref="HitRatioHoldTime"/>. Default: <see langword="true"/>.
    /// The cut-over first copies any key not yet copied, so it never drops an entry.
    /// </summary>
    public bool CutOverOnHitRatio { get; set; } = true;

    /// <summary>
    /// Gets or sets whether the map cuts over on its own when a background sweep started by
    /// <see cref="MigratingMap{TKey, TValue}.DrainAsync(CancellationToken)"/> has copied every key. Default: <see langword="true"/>.
    /// </summary>
    public bool CutOverWhenSweepCompletes { get; set; } = true;

    /// <summary>
    /// Gets or sets the share of reads (of keys that exist) that the target map must answer, over each
    /// <see cref="HitRatioWindow"/>, for an automatic cut-over. From 0 to 1; default 0.999 (99.9%).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in [0, 1].</exception>
    public double HitRatioThreshold
    {
        get => _hitRatioThreshold;
        set
        {
            if (!(value is >= 0 and <= 1))
            {
                Throw.ArgumentOutOfRange(nameof(HitRatioThreshold), value, "The hit ratio threshold must be between 0 and 1.");
            }

            _hitRatioThreshold = value;
        }
    }

    /// <summary>Gets or sets the length of the sliding window the hit ratio is measured over. Default 10 s.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan HitRatioWindow
    {
        get => _hitRatioWindow;
        set => _hitRatioWindow = Positive(value, nameof(HitRatioWindow));
    }

    /// <summary>
    /// Gets or sets how long the windowed hit ratio must stay at or above <see cref="HitRatioThreshold"/> before the
    /// automatic cut-over. Zero cuts over at the first window that qualifies. Default 30 s.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan HitRatioHoldTime
    {
        get => _hitRatioHoldTime;
        set
        {
            if (value < TimeSpan.Zero)
            {
                Throw.ArgumentOutOfRange(nameof(HitRatioHoldTime), value, "The hold time must not be negative.");
            }

            _hitRatioHoldTime = value;
        }
    }

    /// <summary>Gets or sets how often the hit ratio is sampled and checked. Default 1 s.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan EvaluationInterval
    {
        get => _evaluationInterval;
        set => _evaluationInterval = Positive(value, nameof(EvaluationInterval));
    }

    /// <summary>
    /// Gets or sets the fewest reads of existing keys a window must hold for its hit ratio to count: a window with
    /// fewer is no evidence either way, and resets the hold time. Default 1,000.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public long MinimumReadsPerWindow
    {
        get => _minimumReadsPerWindow;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MinimumReadsPerWindow));
            _minimumReadsPerWindow = value;
        }
    }

    /// <summary>
    /// Gets or sets how many keys of the source map the background sweep examines per step before it checks for
    /// cancellation and pauses. Default 1,024.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int SweepBatchSize
    {
        get => _sweepBatchSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(SweepBatchSize));
            _sweepBatchSize = value;
        }
    }

    /// <summary>
    /// Gets or sets the pause between two steps of the background sweep, timed by <see cref="TimeProvider"/>. Zero
    /// (the default) only yields the thread between steps.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan SweepPause
    {
        get => _sweepPause;
        set
        {
            if (value < TimeSpan.Zero)
            {
                Throw.ArgumentOutOfRange(nameof(SweepPause), value, "The sweep pause must not be negative.");
            }

            _sweepPause = value;
        }
    }

    /// <summary>
    /// Gets or sets the number of per-key locks that serialise writes, fallback reads, backfills and the sweep while
    /// the migration runs: a power of two up to <see cref="MaxLockStripes"/>, or 0 (the default) for 16 per processor.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is neither 0 nor a power of two up to <see cref="MaxLockStripes"/>.</exception>
    public int LockStripes
    {
        get => _lockStripes;
        set
        {
            if (value != 0 && (value < 1 || value > MaxLockStripes || (value & (value - 1)) != 0))
            {
                Throw.ArgumentOutOfRange(nameof(LockStripes), value, $"The lock stripe count must be 0 or a power of two up to {MaxLockStripes}.");
            }

            _lockStripes = value;
        }
    }

    /// <summary>Gets or sets where the map reads the time (hit-ratio windows, sweep pauses, event timestamps). Default <see cref="TimeProvider.System"/>.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set
        {
            ArgumentNullException.ThrowIfNull(value, nameof(TimeProvider));
            _timeProvider = value;
        }
    }

    /// <summary>Returns a copy of these settings.</summary>
    internal MigrationOptions Clone() => (MigrationOptions)MemberwiseClone();

    private static TimeSpan Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            Throw.ArgumentOutOfRange(name, value, "The duration must be positive.");
        }

        return value;
    }
}
