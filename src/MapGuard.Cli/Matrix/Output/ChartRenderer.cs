using MapGuard.Cli.Matrix.Maps;
using MapGuard.Cli.Matrix.Results;
using ScottPlot;

namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// Draws the matrix as a grouped bar chart (ScottPlot): one group per (workload, key shape), one bar per map, bar height = ratio to
/// ConcurrentDictionary, with a dashed line at 1.0 so "beats the reference" reads at a glance.
/// </summary>
internal static class ChartRenderer
{
    /// <summary>Renders <paramref name="report"/> to PNG bytes.</summary>
    public static byte[] RenderPng(MatrixReport report)
    {
        var plot = new Plot();
        try
        {
            var palette = new ScottPlot.Palettes.Category10();
            var workloads = report.Cells().Where(c => report.Results.Any(r => r.Workload == c.Workload && r.KeyShape == c.KeyShape)).ToList();
            int groupWidth = report.Maps.Count + 1; // one empty slot between groups
            double maxRatio = 1;

            for (int m = 0; m < report.Maps.Count; m++)
            {
                string map = report.Maps[m];
                var bars = new List<Bar>();
                for (int w = 0; w < workloads.Count; w++)
                {
                    var row = report.Results.FirstOrDefault(r => r.Workload == workloads[w].Workload && r.KeyShape == workloads[w].KeyShape && r.Map == map);
                    if (row?.RatioToConcurrentDictionary is not double ratio)
                    {
                        continue;
                    }

                    maxRatio = Math.Max(maxRatio, ratio);
                    bars.Add(new Bar
                    {
                        Position = (w * groupWidth) + m,
                        Value = ratio,
                        FillColor = palette.GetColor(m),
                        Label = ratio.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                    });
                }

                var barPlot = plot.Add.Bars(bars);
                barPlot.LegendText = map == MapDescriptor.ReferenceName ? map + " (reference)" : map;
                barPlot.ValueLabelStyle.FontSize = 10;
            }

            var reference = plot.Add.HorizontalLine(1.0);
            reference.LinePattern = LinePattern.Dashed;
            reference.Color = Colors.Black.WithAlpha(0.6);

            double[] ticks = Enumerable.Range(0, workloads.Count).Select(w => (w * groupWidth) + ((report.Maps.Count - 1) / 2.0)).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, workloads.Select(c => $"{c.Workload}\n{c.KeyShape}").ToArray());
            plot.Axes.Bottom.MajorTickStyle.Length = 0;
            plot.Axes.Margins(bottom: 0);
            plot.Axes.SetLimitsY(0, maxRatio * 1.15);
            plot.Title("mapguard matrix: throughput relative to ConcurrentDictionary (higher is better)", 16);
            plot.YLabel("ratio to ConcurrentDictionary (same run)", 14);
            plot.ShowLegend(Edge.Bottom);

            int width = Math.Max(900, 110 + (workloads.Count * groupWidth * 34));
            return plot.GetImageBytes(width, 560, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }

    /// <summary>Renders <paramref name="report"/> and writes it to <paramref name="path"/> atomically.</summary>
    public static void Write(MatrixReport report, string path) => AtomicFile.WriteAllBytes(path, RenderPng(report));
}
