using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Matrix.Worker;

/// <summary>What the parent asks one worker process to measure: one map on one workload, once.</summary>
internal sealed class MeasurementSpec
{
    /// <summary>The map name, as in <see cref="Maps.MapCatalog"/>.</summary>
    public required string Map { get; init; }

    /// <summary>The workload.</summary>
    public required Workload Workload { get; init; }

    /// <summary>The round (0-based); it seeds the key streams, so every map in a round sees the same operations.</summary>
    public int Round { get; init; }

    /// <summary>How long to measure, in milliseconds.</summary>
    public int MeasureMs { get; init; }

    /// <summary>The shortest warm-up, in milliseconds.</summary>
    public int WarmupMinMs { get; init; }

    /// <summary>The longest warm-up, in milliseconds, if the JIT does not go quiet before.</summary>
    public int WarmupMaxMs { get; init; }
}
