using MapGuard.Cli.Matrix.Maps;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Matrix.Running;

/// <summary>A validated <c>mapguard matrix</c> run: what to measure, for how long, and where to write it.</summary>
internal sealed class MatrixSettings
{
    /// <summary>
    /// Default rounds: one, so six workloads on three key shapes and five maps (90 child processes) take about two
    /// minutes on a 2-core machine. <c>--rounds 3</c> buys a median that ignores one disturbed measurement, and a spread.
    /// </summary>
    public const int DefaultRounds = 1;

    /// <summary>Default measured time per (round, workload, key shape, map): long enough for a 1 Mi-key map to settle.</summary>
    public static readonly TimeSpan DefaultMeasure = TimeSpan.FromMilliseconds(250);

    /// <summary>Default shortest warm-up.</summary>
    public static readonly TimeSpan DefaultWarmupMin = TimeSpan.FromMilliseconds(150);

    /// <summary>Default longest warm-up; the JIT is usually quiet well before it.</summary>
    public static readonly TimeSpan DefaultWarmupMax = TimeSpan.FromMilliseconds(600);

    /// <summary>
    /// Default key shapes: what real services key by most often (IDs, scrambled integers, short strings). The
    /// <c>url</c> and <c>guid</c> shapes run on request.
    /// </summary>
    public static IReadOnlyList<KeyShape> DefaultKeyShapes { get; } = [KeyShape.Seq, KeyShape.Random, KeyShape.String];

    /// <summary>Rounds with <c>--quick</c>.</summary>
    public const int QuickRounds = 1;

    /// <summary>Measured time with <c>--quick</c>.</summary>
    public static readonly TimeSpan QuickMeasure = TimeSpan.FromMilliseconds(120);

    /// <summary>Shortest warm-up with <c>--quick</c>.</summary>
    public static readonly TimeSpan QuickWarmupMin = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest warm-up with <c>--quick</c>.</summary>
    public static readonly TimeSpan QuickWarmupMax = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Key shapes with <c>--quick</c>: one, so it runs 30 child processes (about 45 seconds on a 2-core machine).
    /// </summary>
    public static IReadOnlyList<KeyShape> QuickKeyShapes { get; } = [KeyShape.Random];

    /// <summary>The workloads, in output order, each once per key shape it runs on.</summary>
    public required IReadOnlyList<Workload> Workloads { get; init; }

    /// <summary>The maps, reference first.</summary>
    public required IReadOnlyList<MapDescriptor> Maps { get; init; }

    /// <summary>Interleaved rounds.</summary>
    public int Rounds { get; init; } = DefaultRounds;

    /// <summary>Measured time per (round, workload, key shape, map).</summary>
    public TimeSpan Measure { get; init; } = DefaultMeasure;

    /// <summary>The shortest warm-up; it then goes on until the JIT is quiet.</summary>
    public TimeSpan WarmupMin { get; init; } = DefaultWarmupMin;

    /// <summary>The longest warm-up.</summary>
    public TimeSpan WarmupMax { get; init; } = DefaultWarmupMax;

    /// <summary>The <c>--out</c> path (.json, .csv or .md), or null.</summary>
    public string? OutPath { get; init; }

    /// <summary>The <c>--chart</c> path (.png or .svg), or null.</summary>
    public string? ChartPath { get; init; }

    /// <summary>True when <c>--quick</c> was given.</summary>
    public bool Quick { get; init; }

    /// <summary>How many child processes the run starts.</summary>
    public int MeasurementCount => Rounds * Workloads.Count * Maps.Count;
}
