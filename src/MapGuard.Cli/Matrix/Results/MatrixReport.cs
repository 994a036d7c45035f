namespace MapGuard.Cli.Matrix.Results;

/// <summary>
/// Everything one <c>mapguard matrix</c> run found; its JSON form (camelCase) is the format other tools read.
/// </summary>
internal sealed class MatrixReport
{
    /// <summary>The machine it ran on.</summary>
    public required MachineInfo Machine { get; init; }

    /// <summary>The git commit of the working directory, or null when unknown.</summary>
    public string? Commit { get; init; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>False when the run was stopped (Ctrl+C) before every measurement was taken.</summary>
    public bool Complete { get; init; }

    /// <summary>How it was run.</summary>
    public required RunSettingsInfo Settings { get; init; }

    /// <summary>One element per (workload, map) that has at least one measurement.</summary>
    public required IReadOnlyList<ResultRow> Results { get; init; }

    /// <summary>One element per workload with complete data.</summary>
    public required IReadOnlyList<Recommendation> Recommendations { get; init; }

    /// <summary>Measurements that failed; empty on a clean run.</summary>
    public required IReadOnlyList<MeasurementFailure> Failures { get; init; }

    /// <summary>The workload names, in the order they ran.</summary>
    public required IReadOnlyList<string> Workloads { get; init; }

    /// <summary>The map names, in column order (ConcurrentDictionary first).</summary>
    public required IReadOnlyList<string> Maps { get; init; }
}
