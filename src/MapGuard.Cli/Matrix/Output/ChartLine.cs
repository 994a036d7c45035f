namespace MapGuard.Cli.Matrix.Output;

/// <summary>A straight line one unit wide, horizontal or vertical (the chart draws no other), solid or dashed.</summary>
/// <param name="X1">Start x.</param>
/// <param name="Y1">Start y.</param>
/// <param name="X2">End x.</param>
/// <param name="Y2">End y.</param>
/// <param name="Stroke">The colour.</param>
/// <param name="Dashed">
/// True for dashes of <see cref="DashLength"/> with gaps of <see cref="GapLength"/>, starting with a dash at
/// (<paramref name="X1"/>, <paramref name="Y1"/>).
/// </param>
internal sealed record ChartLine(double X1, double Y1, double X2, double Y2, ChartColor Stroke, bool Dashed = false) : ChartShape
{
    /// <summary>The length of one dash of a dashed line.</summary>
    public const int DashLength = 6;

    /// <summary>The gap after each dash of a dashed line.</summary>
    public const int GapLength = 4;
}
