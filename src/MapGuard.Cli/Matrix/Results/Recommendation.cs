namespace MapGuard.Cli.Matrix.Results;

/// <summary>The map recommended for one workload on one key shape, and why.</summary>
/// <param name="Workload">The workload name.</param>
/// <param name="KeyShape">The key shape name.</param>
/// <param name="Map">The recommended map.</param>
/// <param name="Reason">One line, e.g. "fastest by 1.6× over LockedMap; p99 within 10% of best".</param>
internal sealed record Recommendation(string Workload, string KeyShape, string Map, string Reason);
