using System.Globalization;
using MapGuard.Cli.Matrix.Maps;
using MapGuard.Cli.Matrix.Results;

namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// The chart's geometry, computed once for every back-end: a grouped bar chart with one group per (workload, key
/// shape), one bar per map, bar height = ratio to ConcurrentDictionary, a dashed line at 1.0 so "beats the reference"
/// reads at a glance, and a legend of the maps below.
/// </summary>
/// <remarks>
/// Text widths are estimates (an SVG viewer lays text out in its own font), so labels get generous room; the PNG's
/// bitmap font is narrower than every estimate here.
/// </remarks>
internal static class ChartLayout
{
    private const int Height = 560;
    private const int PlotLeft = 80;
    private const int PlotTop = 50;
    private const int PlotBottom = 430; // y of the zero line; tick labels and the legend go below it
    private const int PlotRightMargin = 20;
    private const int SlotWidth = 34; // one bar and its share of the gap
    private const int BarWidth = SlotWidth - 6;
    private const int Ticks = 5;

    // The Category10 palette (Tableau's, as in D3 and matplotlib): ten colours that stay distinct side by side.
    private static readonly ChartColor[] s_palette =
        [.. new[] { 0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf }.Select(ChartColor.FromRgb)];

    private static readonly ChartColor s_gridColor = ChartColor.FromRgb(0xe5e5e5);
    private static readonly ChartColor s_referenceColor = ChartColor.FromRgb(0x666666); // black at 60% on white

    /// <summary>The colour of the <paramref name="mapIndex"/>th map's bars and legend swatch.</summary>
    public static ChartColor ColorOf(int mapIndex) => s_palette[mapIndex % s_palette.Length];

    /// <summary>Lays out <paramref name="report"/>: every bar, line and label, in drawing order.</summary>
    public static ChartDrawing Build(MatrixReport report)
    {
        var cells = report.Cells().Where(c => report.Results.Any(r => r.Workload == c.Workload && r.KeyShape == c.KeyShape)).ToList();
        int groupWidth = report.Maps.Count + 1; // one empty slot between groups
        int width = Math.Max(900, PlotLeft + 30 + (cells.Count * groupWidth * SlotWidth));
        int plotRight = width - PlotRightMargin;
        double maxRatio = Math.Max(1, report.Results.Select(r => r.RatioToConcurrentDictionary ?? 0).DefaultIfEmpty(0).Max());
        double top = NiceCeiling(maxRatio * 1.15);
        double Y(double ratio) => PlotBottom - ((PlotBottom - PlotTop) * ratio / top);

        var shapes = new List<ChartShape>
        {
            new ChartRect(0, 0, width, Height, ChartColor.White),
            new ChartText(width / 2.0, 28, "mapguard matrix: throughput relative to ConcurrentDictionary (higher is better)", 16, TextAnchor.Middle),
            new ChartText(22, (PlotTop + PlotBottom) / 2.0, "ratio to ConcurrentDictionary (same run)", 14, TextAnchor.Middle, Vertical: true),
        };

        for (int i = 0; i <= Ticks; i++)
        {
            double value = top * i / Ticks;
            double y = Y(value);
            shapes.Add(new ChartLine(PlotLeft, y, plotRight, y, s_gridColor));
            shapes.Add(new ChartText(PlotLeft - 6, y + 4, value.ToString("0.##", CultureInfo.InvariantCulture), 11, TextAnchor.End)); // + 4: centres the digits on the line
        }

        for (int c = 0; c < cells.Count; c++)
        {
            var (workload, keyShape) = cells[c];
            for (int m = 0; m < report.Maps.Count; m++)
            {
                var row = report.Results.FirstOrDefault(r => r.Workload == workload && r.KeyShape == keyShape && r.Map == report.Maps[m]);
                if (row?.RatioToConcurrentDictionary is not double ratio)
                {
                    continue;
                }

                double x = PlotLeft + 10 + (((c * groupWidth) + m) * SlotWidth);
                double y = Y(ratio);
                string value = ratio.ToString("0.00", CultureInfo.InvariantCulture);
                shapes.Add(new ChartRect(x, y, BarWidth, PlotBottom - y, ColorOf(m), $"{report.Maps[m]}, {workload}/{keyShape}: {value}"));
                shapes.Add(new ChartText(x + (BarWidth / 2.0), y - 4, value, 10, TextAnchor.Middle));
            }

            double centre = PlotLeft + 10 + (((c * groupWidth) + (report.Maps.Count / 2.0)) * SlotWidth) - 3;
            shapes.Add(new ChartText(centre, PlotBottom + 18, workload, 12, TextAnchor.Middle));
            shapes.Add(new ChartText(centre, PlotBottom + 33, keyShape, 12, TextAnchor.Middle));
        }

        double one = Y(1.0);
        shapes.Add(new ChartLine(PlotLeft, one, plotRight, one, s_referenceColor, Dashed: true));
        shapes.Add(new ChartLine(PlotLeft, PlotBottom, plotRight, PlotBottom, ChartColor.Black));
        shapes.Add(new ChartLine(PlotLeft, PlotTop, PlotLeft, PlotBottom, ChartColor.Black));

        // The legend: a row of swatches under the workload labels, wrapping when it would pass the right edge.
        double legendX = PlotLeft;
        double legendY = PlotBottom + 60;
        for (int m = 0; m < report.Maps.Count; m++)
        {
            string name = report.Maps[m] == MapDescriptor.ReferenceName ? report.Maps[m] + " (reference)" : report.Maps[m];
            double itemWidth = 28 + (name.Length * 7.5);
            if (legendX + itemWidth > plotRight && legendX > PlotLeft)
            {
                legendX = PlotLeft;
                legendY += 22;
            }

            shapes.Add(new ChartRect(legendX, legendY - 10, 14, 14, ColorOf(m)));
            shapes.Add(new ChartText(legendX + 20, legendY + 2, name, 12));
            legendX += itemWidth;
        }

        return new ChartDrawing(width, Height, shapes);
    }

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
}
