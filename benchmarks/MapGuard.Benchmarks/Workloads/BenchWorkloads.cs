using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Benchmarks.Workloads;

/// <summary>
/// The six standard workloads (docs/design/matrix.md), from the matrix's own <see cref="StandardWorkloads"/> (compiled
/// into this project as a linked file), so the benchmark grid and <c>mapguard matrix</c> run the same workloads.
/// </summary>
public static class BenchWorkloads
{
    /// <summary>One thread's operations per invocation: every benchmark over <see cref="WorkloadHarness{TKey}"/>
    /// divides by this (OperationsPerInvoke).</summary>
    public const int OperationsPerThread = Cli.Matrix.Worker.OperationStream.MaxLength;

    private static readonly IReadOnlyList<Workload> s_standard = StandardWorkloads.Create([KeyShape.Random]);

    /// <summary>The names of the standard workloads, in the matrix's order: hot-read, big-read, cache, ...</summary>
    public static IEnumerable<string> Names => s_standard.Select(w => w.Name);

    /// <summary>The standard workload named <paramref name="name"/>, on <paramref name="keyShape"/> keys.</summary>
    internal static Workload Named(string name, string keyShape = BenchKeys.Random)
    {
        Workload? workload = s_standard.SingleOrDefault(w => w.Name == name);
        if (workload is null)
        {
            throw new ArgumentException($"'{name}' is not a standard workload; use one of {string.Join(", ", Names)}.", nameof(name));
        }

        return workload with { KeyShape = BenchKeys.Parse(keyShape) };
    }
}
