namespace MapGuard.Cli.Matrix.Results;

/// <summary>One cell of the matrix: one map on one workload and key shape, aggregated over the rounds that measured it.</summary>
internal sealed class ResultRow
{
    /// <summary>The workload name.</summary>
    public required string Workload { get; init; }

    /// <summary>The map name, e.g. <c>ShardedMap</c> or <c>ConcurrentDictionary</c>.</summary>
    public required string Map { get; init; }

    /// <summary>Threads running operations.</summary>
    public int Threads { get; init; }

    /// <summary>Keys in the map.</summary>
    public int Keys { get; init; }

    /// <summary>Share of reads, 0 to 100.</summary>
    public double ReadPercent { get; init; }

    /// <summary><c>uniform</c> or <c>zipf</c>.</summary>
    public required string Distribution { get; init; }

    /// <summary>The key shape: <c>seq</c>, <c>random</c>, <c>string</c>, <c>url</c> or <c>guid</c>.</summary>
    public required string KeyShape { get; init; }

    /// <summary>Median over rounds of operations per second (all threads).</summary>
    public double OpsPerSecond { get; init; }

    /// <summary>
    /// This map's median throughput over ConcurrentDictionary's median on the same workload and key shape in the same
    /// run; exactly 1 for ConcurrentDictionary; null when ConcurrentDictionary has no result there.
    /// </summary>
    public double? RatioToConcurrentDictionary { get; init; }

    /// <summary>Median over rounds of the sampled p50 latency, in nanoseconds.</summary>
    public double P50Ns { get; init; }

    /// <summary>Median over rounds of the sampled p99 latency, in nanoseconds.</summary>
    public double P99Ns { get; init; }

    /// <summary>Median over rounds of the sampled p99.9 latency, in nanoseconds.</summary>
    public double P999Ns { get; init; }

    /// <summary>Median over rounds of bytes allocated per operation.</summary>
    public double AllocatedBytesPerOp { get; init; }

    /// <summary>Garbage collections during the measured windows, summed over rounds.</summary>
    public int GcCount { get; init; }

    /// <summary>GC pause during the measured windows, summed over rounds, in milliseconds.</summary>
    public double GcPauseMs { get; init; }

    /// <summary>Median over rounds of heap bytes per entry after pre-fill (includes the map's fixed overhead).</summary>
    public double BytesPerEntry { get; init; }

    /// <summary>
    /// (max - min) / median of the per-round throughputs, in percent; 0 with one round. Ratios that differ by less
    /// than this are within run-to-run noise.
    /// </summary>
    public double SpreadPercent { get; init; }

    /// <summary>How many rounds measured this cell.</summary>
    public int Rounds { get; init; }
}
