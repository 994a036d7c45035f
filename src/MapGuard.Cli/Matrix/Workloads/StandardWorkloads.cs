namespace MapGuard.Cli.Matrix.Workloads;

/// <summary>The six standard workloads (docs/design/matrix.md): the grid every map is judged on.</summary>
internal static class StandardWorkloads
{
    private const int Hot = 1_024;
    private const int Big = 1_048_576;

    /// <summary>
    /// Returns the six workloads, each once per shape of <paramref name="keyShapes"/>, workload by workload so the
    /// shapes of one workload sit side by side.
    /// </summary>
    public static IReadOnlyList<Workload> Create(IReadOnlyList<KeyShape> keyShapes) => ForShapes(
        [
            new("hot-read", Hot, 100, 2, KeyDistribution.Uniform, KeyShape.Random),
            new("big-read", Big, 100, 2, KeyDistribution.Uniform, KeyShape.Random),
            new("cache", Big, 90, 2, KeyDistribution.Zipf, KeyShape.Random),
            new("big-mixed", Big, 50, 2, KeyDistribution.Uniform, KeyShape.Random),
            new("hot-mixed", Hot, 50, 2, KeyDistribution.Uniform, KeyShape.Random),
            new("big-read-1t", Big, 90, 1, KeyDistribution.Uniform, KeyShape.Random),
        ],
        keyShapes);

    /// <summary>Each of <paramref name="workloads"/> once per shape of <paramref name="keyShapes"/>, workload by workload.</summary>
    public static IReadOnlyList<Workload> ForShapes(IEnumerable<Workload> workloads, IReadOnlyList<KeyShape> keyShapes) =>
        [.. workloads.SelectMany(w => keyShapes.Select(shape => w with { KeyShape = shape }))];
}
