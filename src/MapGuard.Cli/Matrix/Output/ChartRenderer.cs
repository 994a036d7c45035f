using System.Globalization;
using System.Net;
using System.Text;
using MapGuard.Cli.Matrix.Maps;
using MapGuard.Cli.Matrix.Results;

namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// Draws the matrix as a grouped bar chart in SVG: one group per (workload, key shape), one bar per map, bar height =
/// ratio to ConcurrentDictionary, with a dashed line at 1.0 so "beats the reference" reads at a glance.
/// </summary>
/// <remarks>
/// SVG written here rather than PNG from a plotting library: a raster needs a graphics stack (SkiaSharp ships native
/// libraries for every platform, about 90 MB of the tool package), while bars, lines and text are a few elements of
/// markup that every browser, GitHub and image tool renders, and that scale without blur. Text is laid out by the
/// viewer's fonts; widths here are estimates, so labels get generous room.
/// </remarks>
internal static class ChartRenderer
{
    private const int Height = 560;
    private const int PlotLeft = 80;
    private const int PlotTop = 50;
    private const int PlotBottom = 430; // y of the zero line; tick labels and the legend go below it
    private const int SlotWidth = 34; // one bar and its share of the gap

    // The Category10 palette (Tableau's, as in D3 and matplotlib): ten colours that stay distinct side by side.
    private static readonly string[] s_palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>Renders <paramref name="report"/> to an SVG document (UTF-8 text).</summary>
    public static string RenderSvg(MatrixReport report)
    {
        var workloads = report.Cells().Where(c => report.Results.Any(r => r.Workload == c.Workload && r.KeyShape == c.KeyShape)).ToList();
        int groupWidth = report.Maps.Count + 1; // one empty slot between groups
        int width = Math.Max(900, PlotLeft + 30 + (workloads.Count * groupWidth * SlotWidth));
        double maxRatio = Math.Max(1, report.Results.Select(r => r.RatioToConcurrentDictionary ?? 0).DefaultIfEmpty(0).Max());
        double top = NiceCeiling(maxRatio * 1.15);
        double Y(double ratio) => PlotBottom - ((PlotBottom - PlotTop) * ratio / top);

        var svg = new StringBuilder();
        Line(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{Height}\" viewBox=\"0 0 {width} {Height}\" font-family=\"sans-serif\">");
        Line(svg, $"<rect width=\"{width}\" height=\"{Height}\" fill=\"white\"/>");
        Line(svg, $"<text x=\"{width / 2}\" y=\"28\" font-size=\"16\" text-anchor=\"middle\">mapguard matrix: throughput relative to ConcurrentDictionary (higher is better)</text>");
        Line(svg, $"<text transform=\"translate(22 {(PlotTop + PlotBottom) / 2}) rotate(-90)\" font-size=\"14\" text-anchor=\"middle\">ratio to ConcurrentDictionary (same run)</text>");

        double step = top / 5;
        for (int i = 0; i <= 5; i++)
        {
            double value = step * i;
            string y = F(Y(value));
            Line(svg, $"<line x1=\"{PlotLeft}\" y1=\"{y}\" x2=\"{width - 20}\" y2=\"{y}\" stroke=\"#e5e5e5\"/>");
            Line(svg, $"<text x=\"{PlotLeft - 6}\" y=\"{y}\" font-size=\"11\" text-anchor=\"end\" dominant-baseline=\"middle\">{value.ToString("0.##", CultureInfo.InvariantCulture)}</text>");
        }

        for (int w = 0; w < workloads.Count; w++)
        {
            for (int m = 0; m < report.Maps.Count; m++)
            {
                var row = report.Results.FirstOrDefault(r => r.Workload == workloads[w].Workload && r.KeyShape == workloads[w].KeyShape && r.Map == report.Maps[m]);
                if (row?.RatioToConcurrentDictionary is not double ratio)
                {
                    continue;
                }

                double x = PlotLeft + 10 + ((((w * groupWidth) + m) * SlotWidth));
                double y = Y(ratio);
                string label = ratio.ToString("0.00", CultureInfo.InvariantCulture);
                Line(svg, $"<rect class=\"bar\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{SlotWidth - 6}\" height=\"{F(PlotBottom - y)}\" fill=\"{s_palette[m % s_palette.Length]}\"><title>{Escape(report.Maps[m])}, {Escape(workloads[w].Workload)}/{Escape(workloads[w].KeyShape)}: {label}</title></rect>");
                Line(svg, $"<text x=\"{F(x + ((SlotWidth - 6) / 2.0))}\" y=\"{F(y - 4)}\" font-size=\"10\" text-anchor=\"middle\">{label}</text>");
            }

            double centre = PlotLeft + 10 + (((w * groupWidth) + (report.Maps.Count / 2.0)) * SlotWidth) - 3;
            Line(svg, $"<text x=\"{F(centre)}\" y=\"{PlotBottom + 18}\" font-size=\"12\" text-anchor=\"middle\"><tspan x=\"{F(centre)}\">{Escape(workloads[w].Workload)}</tspan><tspan x=\"{F(centre)}\" dy=\"15\">{Escape(workloads[w].KeyShape)}</tspan></text>");
        }

        string one = F(Y(1.0));
        Line(svg, $"<line x1=\"{PlotLeft}\" y1=\"{one}\" x2=\"{width - 20}\" y2=\"{one}\" stroke=\"black\" stroke-opacity=\"0.6\" stroke-dasharray=\"6 4\"/>");
        Line(svg, $"<line x1=\"{PlotLeft}\" y1=\"{PlotBottom}\" x2=\"{width - 20}\" y2=\"{PlotBottom}\" stroke=\"black\"/>");
        Line(svg, $"<line x1=\"{PlotLeft}\" y1=\"{PlotTop}\" x2=\"{PlotLeft}\" y2=\"{PlotBottom}\" stroke=\"black\"/>");

        // The legend: a row of swatches under the tick labels, wrapping when it would pass the right edge.
        double legendX = PlotLeft;
        double legendY = PlotBottom + 60;
        for (int m = 0; m < report.Maps.Count; m++)
        {
            string name = report.Maps[m] == MapDescriptor.ReferenceName ? report.Maps[m] + " (reference)" : report.Maps[m];
            double itemWidth = 28 + (name.Length * 7.5);
            if (legendX + itemWidth > width - 20 && legendX > PlotLeft)
            {
                legendX = PlotLeft;
                legendY += 22;
            }

            Line(svg, $"<rect x=\"{F(legendX)}\" y=\"{F(legendY - 10)}\" width=\"14\" height=\"14\" fill=\"{s_palette[m % s_palette.Length]}\"/>");
            Line(svg, $"<text x=\"{F(legendX + 20)}\" y=\"{F(legendY + 2)}\" font-size=\"12\">{Escape(name)}</text>");
            legendX += itemWidth;
        }

        Line(svg, "</svg>");
        return svg.ToString();
    }

    /// <summary>Renders <paramref name="report"/> and writes it to <paramref name="path"/> atomically.</summary>
    public static void Write(MatrixReport report, string path) =>
        AtomicFile.WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(RenderSvg(report)));

    // The smallest of 1, 2, 2.5 or 5 times a power of ten at or above `value`: round axis labels.
    private static double NiceCeiling(double value)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double factor in (double[])[1, 2, 2.5, 5, 10])
        {
            if (factor * power >= value)
            {
                return factor * power;
            }
        }

        return 10 * power;
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static void Line(StringBuilder svg, string element) => svg.Append(element).Append('\n');
}
