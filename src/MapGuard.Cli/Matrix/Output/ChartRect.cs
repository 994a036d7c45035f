namespace MapGuard.Cli.Matrix.Output;

/// <summary>A filled axis-aligned rectangle; <paramref name="Y"/> is its top edge (y grows downwards).</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width, not negative.</param>
/// <param name="Height">Height, not negative.</param>
/// <param name="Fill">The colour.</param>
/// <param name="Label">
/// For a bar, what it shows ("ShardedMap, hot-read/seq: 1.60"): the SVG marks it as a bar and shows the label on hover.
/// Null for a swatch or the background.
/// </param>
internal sealed record ChartRect(double X, double Y, double Width, double Height, ChartColor Fill, string? Label = null) : ChartShape;
