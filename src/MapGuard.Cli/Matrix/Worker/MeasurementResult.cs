namespace MapGuard.Cli.Matrix.Worker;

/// <summary>What one worker process measured, returned as JSON on its stdout.</summary>
internal sealed class MeasurementResult
{
    /// <summary>Operations per second over all threads.</summary>
    public double OpsPerSecond { get; init; }

    /// <summary>Operations done while measuring.</summary>
    public long Operations { get; init; }

    /// <summary>How long the measurement ran, in milliseconds.</summary>
    public double MeasuredMs { get; init; }

    /// <summary>How long the warm-up ran, in milliseconds.</summary>
    public double WarmupMs { get; init; }

    /// <summary>True when the warm-up ended because the JIT went quiet rather than by its time cap.</summary>
    public bool WarmupJitQuiet { get; init; }

    /// <summary>Median sampled latency, in nanoseconds, timer overhead removed.</summary>
    public double P50Ns { get; init; }

    /// <summary>99th percentile sampled latency, in nanoseconds.</summary>
    public double P99Ns { get; init; }

    /// <summary>99.9th percentile sampled latency, in nanoseconds.</summary>
    public double P999Ns { get; init; }

    /// <summary>How many operations were timed.</summary>
    public long LatencySamples { get; init; }

    /// <summary>The timer overhead subtracted from each sample, in nanoseconds.</summary>
    public double TimerOverheadNs { get; init; }

    /// <summary>Bytes allocated per operation while measuring.</summary>
    public double AllocatedBytesPerOp { get; init; }

    /// <summary>Garbage collections while measuring.</summary>
    public int GcCount { get; init; }

    /// <summary>Total GC pause while measuring, in milliseconds.</summary>
    public double GcPauseMs { get; init; }

    /// <summary>Managed heap growth from creating and pre-filling the map, per key.</summary>
    public double BytesPerEntry { get; init; }
}
