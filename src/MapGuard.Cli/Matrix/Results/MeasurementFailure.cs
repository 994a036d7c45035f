namespace MapGuard.Cli.Matrix.Results;

/// <summary>A measurement that did not produce a result (the worker crashed, timed out or found a broken map).</summary>
/// <param name="Workload">The workload name.</param>
/// <param name="KeyShape">The key shape name.</param>
/// <param name="Map">The map name.</param>
/// <param name="Round">The round, 1-based.</param>
/// <param name="Error">What went wrong, in one line.</param>
internal sealed record MeasurementFailure(string Workload, string KeyShape, string Map, int Round, string Error);
