namespace MapGuard.Cli.Matrix.Workloads;

/// <summary>The six standard workloads of DESIGN.md, "Performance: how it is judged".</summary>
internal static class StandardWorkloads
{
    private const int Hot = 1_024;
    private const int Big = 1_048_576;

    /// <summary>Returns the six workloads with keys of <paramref name="keyType"/>.</summary>
    public static IReadOnlyList<Workload> Create(KeyType keyType) =>
    [
        new("hot-read", Hot, 100, 2, KeyDistribution.Uniform, keyType),
        new("big-read", Big, 100, 2, KeyDistribution.Uniform, keyType),
        new("cache", Big, 90, 2, KeyDistribution.Zipf, keyType),
        new("big-mixed", Big, 50, 2, KeyDistribution.Uniform, keyType),
        new("hot-mixed", Hot, 50, 2, KeyDistribution.Uniform, keyType),
        new("big-read-1t", Big, 90, 1, KeyDistribution.Uniform, keyType),
    ];
}
