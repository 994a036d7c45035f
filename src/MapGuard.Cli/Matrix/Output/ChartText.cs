namespace MapGuard.Cli.Matrix.Output;

/// <summary>One line of black text.</summary>
/// <param name="X">The anchor point's x (see <paramref name="Anchor"/>).</param>
/// <param name="Y">The baseline's y: capitals stand on it, descenders hang below.</param>
/// <param name="Text">The text, one line.</param>
/// <param name="Size">The font size (em height) in units, as SVG's <c>font-size</c>.</param>
/// <param name="Anchor">Which end of the text (<paramref name="X"/>, <paramref name="Y"/>) names.</param>
/// <param name="Vertical">
/// True to turn the text a quarter turn anticlockwise about (<paramref name="X"/>, <paramref name="Y"/>), so it reads
/// from bottom to top (the y-axis title); the anchor then applies along the vertical.
/// </param>
internal sealed record ChartText(double X, double Y, string Text, double Size, TextAnchor Anchor = TextAnchor.Start, bool Vertical = false) : ChartShape;
