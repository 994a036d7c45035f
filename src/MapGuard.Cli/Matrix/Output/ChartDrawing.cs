namespace MapGuard.Cli.Matrix.Output;

/// <summary>The chart as geometry, ready for a back-end: its size in units and its shapes in drawing order.</summary>
/// <param name="Width">Width in units.</param>
/// <param name="Height">Height in units.</param>
/// <param name="Shapes">The shapes, bottom first.</param>
internal sealed record ChartDrawing(int Width, int Height, IReadOnlyList<ChartShape> Shapes);
