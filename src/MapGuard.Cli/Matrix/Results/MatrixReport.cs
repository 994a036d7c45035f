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

    /// <summary>One element per (workload, key shape, map) that has at least one measurement.</summary>
    public required IReadOnlyList<ResultRow> Results { get; init; }

    /// <summary>One element per (workload, key shape) with complete data.</summary>
    public required IReadOnlyList<Recommendation> Recommendations { get; init; }

    /// <summary>Measurements that failed; empty on a clean run.</summary>
    public required IReadOnlyList<MeasurementFailure> Failures { get; init; }

    /// <summary>The workload names, in the order they ran.</summary>
    public required IReadOnlyList<string> Workloads { get; init; }

    /// <summary>The key shape names, in output order; each workload ran on some or all of them.</summary>
    public required IReadOnlyList<string> KeyShapes { get; init; }

    /// <summary>
    /// The (workload, key shape) rows of the matrix in output order: workload by workload, its shapes side by side.
    /// Pairs that never ran are included; the outputs skip those with neither a result nor a failure.
    /// </summary>
    public IEnumerable<(string Workload, string KeyShape)> Cells() =>
        Workloads.SelectMany(workload => KeyShapes.Select(shape => (workload, shape)));

    /// <summary>The map names, in column order (ConcurrentDictionary first).</summary>
    public required IReadOnlyList<string> Maps { get; init; }
}
