using System.Globalization;
using System.Net;
using System.Text;

namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// Writes a <see cref="ChartDrawing"/> as an SVG document: one element per shape, one per line, text in the viewer's
/// sans-serif font. Bars carry <c>class="bar"</c> and a <c>&lt;title&gt;</c> that viewers show on hover.
/// </summary>
internal static class SvgChartWriter
{
    /// <summary>Renders <paramref name="drawing"/> to SVG text.</summary>
    public static string Write(ChartDrawing drawing)
    {
        var svg = new StringBuilder();
        Line(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{drawing.Width}\" height=\"{drawing.Height}\" viewBox=\"0 0 {drawing.Width} {drawing.Height}\" font-family=\"sans-serif\">");
        foreach (var shape in drawing.Shapes)
        {
            Line(svg, shape switch
            {
                ChartRect { Label: null } r => $"<rect x=\"{F(r.X)}\" y=\"{F(r.Y)}\" width=\"{F(r.Width)}\" height=\"{F(r.Height)}\" fill=\"{r.Fill.Hex}\"/>",
                ChartRect r => $"<rect class=\"bar\" x=\"{F(r.X)}\" y=\"{F(r.Y)}\" width=\"{F(r.Width)}\" height=\"{F(r.Height)}\" fill=\"{r.Fill.Hex}\"><title>{Escape(r.Label)}</title></rect>",
                ChartLine l => $"<line x1=\"{F(l.X1)}\" y1=\"{F(l.Y1)}\" x2=\"{F(l.X2)}\" y2=\"{F(l.Y2)}\" stroke=\"{l.Stroke.Hex}\"{(l.Dashed ? $" stroke-dasharray=\"{ChartLine.DashLength} {ChartLine.GapLength}\"" : "")}/>",
                ChartText t => $"<text {Position(t)} font-size=\"{F(t.Size)}\"{Anchor(t.Anchor)}>{Escape(t.Text)}</text>",
                _ => throw new NotSupportedException($"no SVG form for {shape.GetType().Name}"),
            });
        }

        Line(svg, "</svg>");
        return svg.ToString();
    }

    private static string Position(ChartText text) => text.Vertical
        ? $"transform=\"translate({F(text.X)} {F(text.Y)}) rotate(-90)\""
        : $"x=\"{F(text.X)}\" y=\"{F(text.Y)}\"";

    private static string Anchor(TextAnchor anchor) => anchor switch
    {
        TextAnchor.Middle => " text-anchor=\"middle\"",
        TextAnchor.End => " text-anchor=\"end\"",
        _ => "",
    };

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static void Line(StringBuilder svg, string element) => svg.Append(element).Append('\n');
}
