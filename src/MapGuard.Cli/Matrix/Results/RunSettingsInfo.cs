namespace MapGuard.Cli.Matrix.Results;

/// <summary>How the matrix was run, recorded in the report so a reader can judge the numbers.</summary>
internal sealed class RunSettingsInfo
{
    /// <summary>Interleaved rounds requested.</summary>
    public int Rounds { get; init; }

    /// <summary>Measured time per (round, workload, map), in milliseconds.</summary>
    public int MeasureMs { get; init; }

    /// <summary>Shortest warm-up, in milliseconds.</summary>
    public int WarmupMinMs { get; init; }

    /// <summary>Longest warm-up, in milliseconds.</summary>
    public int WarmupMaxMs { get; init; }

    /// <summary>One operation in this many per thread is timed for latency.</summary>
    public int LatencySampleInterval { get; init; }

    /// <summary>True when <c>--quick</c> was given.</summary>
    public bool Quick { get; init; }
}
