namespace MapGuard.Benchmarks.Workloads;

/// <summary>One of the six standard workloads (docs/design/matrix.md).</summary>
public sealed record Workload(string Name, int Keys, int ReadPercent, int Threads, bool Zipf)
{
    public static readonly Workload[] Standard =
    [
        new("hot-read", 1_024, 100, 2, false),
        new("big-read", 1 << 20, 100, 2, false),
        new("cache", 1 << 20, 90, 2, true),
        new("big-mixed", 1 << 20, 50, 2, false),
        new("hot-mixed", 1_024, 50, 2, false),
        new("big-read-1t", 1 << 20, 90, 1, false),
    ];

    public static Workload Named(string name) => Standard.Single(w => w.Name == name);

    public override string ToString() => Name;
}
