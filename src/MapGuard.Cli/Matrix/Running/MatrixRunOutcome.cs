using MapGuard.Cli.Matrix.Results;

namespace MapGuard.Cli.Matrix.Running;

/// <summary>The raw measurements of a run, and whether it was stopped early.</summary>
/// <param name="Measurements">Every measurement taken, in the order it ran.</param>
/// <param name="Cancelled">True when Ctrl+C stopped the run before the last measurement.</param>
internal sealed record MatrixRunOutcome(IReadOnlyList<Measurement> Measurements, bool Cancelled);
