using MapGuard.Cli.Matrix.Worker;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Matrix.Results;

/// <summary>One (round, workload, map) measurement: a result, or the error that replaced it.</summary>
/// <param name="Round">The round, 0-based.</param>
/// <param name="Workload">The workload.</param>
/// <param name="Map">The map name.</param>
/// <param name="Result">What the worker measured; null when it failed.</param>
/// <param name="Error">Why it failed; null when it succeeded.</param>
internal sealed record Measurement(int Round, Workload Workload, string Map, MeasurementResult? Result, string? Error);
