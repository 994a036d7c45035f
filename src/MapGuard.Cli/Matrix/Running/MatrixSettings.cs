using MapGuard.Cli.Matrix.Maps;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Matrix.Running;

/// <summary>A validated <c>mapguard matrix</c> run: what to measure, for how long, and where to write it.</summary>
internal sealed class MatrixSettings
{
    /// <summary>Default rounds: three, so the median ignores one disturbed measurement.</summary>
    public const int DefaultRounds = 3;

    /// <summary>Default measured time per (round, workload, map).</summary>
    public static readonly TimeSpan DefaultMeasure = TimeSpan.FromMilliseconds(300);

    /// <summary>Rounds with <c>--quick</c>.</summary>
    public const int QuickRounds = 1;

    /// <summary>Measured time with <c>--quick</c>.</summary>
    public static readonly TimeSpan QuickMeasure = TimeSpan.FromMilliseconds(120);

    /// <summary>The workloads, in output order.</summary>
    public required IReadOnlyList<Workload> Workloads { get; init; }

    /// <summary>The maps, reference first.</summary>
    public required IReadOnlyList<MapDescriptor> Maps { get; init; }

    /// <summary>Interleaved rounds.</summary>
    public int Rounds { get; init; } = DefaultRounds;

    /// <summary>Measured time per (round, workload, map).</summary>
    public TimeSpan Measure { get; init; } = DefaultMeasure;

    /// <summary>The shortest warm-up; it then goes on until the JIT is quiet.</summary>
    public TimeSpan WarmupMin { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest warm-up.</summary>
    public TimeSpan WarmupMax { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>The <c>--out</c> path (.json, .csv or .md), or null.</summary>
    public string? OutPath { get; init; }

    /// <summary>The <c>--chart</c> path (.png), or null.</summary>
    public string? ChartPath { get; init; }

    /// <summary>True when <c>--quick</c> was given.</summary>
    public bool Quick { get; init; }

    /// <summary>How many child processes the run starts.</summary>
    public int MeasurementCount => Rounds * Workloads.Count * Maps.Count;
}
