using System.Text;
using System.Xml.Linq;
using MapGuard.Cli.Matrix.Output;
using MapGuard.Cli.Matrix.Results;
using static MapGuard.Cli.Tests.ResultRows;

namespace MapGuard.Cli.Tests;

/// <summary>The chart: its layout and its SVG and PNG back-ends.</summary>
public sealed class ChartTests : IDisposable
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Svg_HasOneBarPerRatio_TheReferenceLine_AndEveryLabel()
    {
        MatrixReport report = ReportWriterTests.Report();

        var svg = XDocument.Parse(ChartRenderer.RenderSvg(report));

        Assert.Equal(s_svg + "svg", svg.Root!.Name);
        var bars = svg.Descendants(s_svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").ToList();
        Assert.Equal(report.Results.Count(r => r.RatioToConcurrentDictionary is not null), bars.Count);
        Assert.Single(svg.Descendants(s_svg + "line"), l => l.Attribute("stroke-dasharray") is not null);
        string text = string.Concat(svg.Descendants(s_svg + "text").Select(t => t.Value + "\n"));
        foreach (string map in report.Maps)
        {
            Assert.Contains(map, text, StringComparison.Ordinal);
        }

        foreach (var cell in report.Cells())
        {
            Assert.Contains(cell.Workload, text, StringComparison.Ordinal);
        }

        // A taller ratio draws a taller bar: heights follow the data, not a fixed layout.
        var rows = report.Results.Where(r => r.RatioToConcurrentDictionary is not null).ToList();
        var tallest = rows.MaxBy(r => r.RatioToConcurrentDictionary)!;
        double Height(XElement bar) => double.Parse((string)bar.Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture);
        var tallestBar = bars.MaxBy(Height)!;
        Assert.Contains($"{tallest.Map}, {tallest.Workload}/", tallestBar.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Png_IsAValidRgbPng_TwicePerUnitTheSizeOfTheLayout()
    {
        MatrixReport report = ReportWriterTests.Report();
        var layout = ChartLayout.Build(report);

        var png = PngReader.Read(ChartRenderer.RenderPng(report)); // checks signature, chunk CRCs, IHDR and scanlines

        Assert.Equal(layout.Width * PngChartWriter.PixelsPerUnit, png.Width);
        Assert.Equal(layout.Height * PngChartWriter.PixelsPerUnit, png.Height);
    }

    [Fact]
    public void Png_PaintsEachBarInItsMapsColour_OnAWhiteBackground_WithTextAndAxesInBlack()
    {
        MatrixReport report = ReportWriterTests.Report();
        var layout = ChartLayout.Build(report);

        var png = PngReader.Read(ChartRenderer.RenderPng(report));

        var bars = layout.Shapes.OfType<ChartRect>().Where(r => r.Label is not null).ToList();
        Assert.Equal(report.Results.Count(r => r.RatioToConcurrentDictionary is not null), bars.Count);
        foreach (var bar in bars)
        {
            int mapIndex = report.Maps.ToList().IndexOf(bar.Label![..bar.Label!.IndexOf(',', StringComparison.Ordinal)]);
            Assert.Equal(ChartLayout.ColorOf(mapIndex), bar.Fill);

            // The middle of the bar, and just inside its corners, has the map's colour; just left and right of it does not.
            const int P = PngChartWriter.PixelsPerUnit;
            int left = (int)Math.Round(bar.X * P), right = (int)Math.Round((bar.X + bar.Width) * P) - 1;
            // Inset at top and bottom: the reference line (on top of a 1.00 bar) and the axis each cover a pixel row of it.
            int top = (int)Math.Round(bar.Y * P) + 2, bottom = (int)Math.Round((bar.Y + bar.Height) * P) - 3;
            Assert.Equal(bar.Fill, png[(left + right) / 2, (top + bottom) / 2]);
            Assert.Equal(bar.Fill, png[left, top]);
            Assert.Equal(bar.Fill, png[right, bottom]);
            Assert.NotEqual(bar.Fill, png[left - 1, (top + bottom) / 2]);
            Assert.NotEqual(bar.Fill, png[right + 1, (top + bottom) / 2]);
        }

        Assert.Equal(ChartColor.White, png[0, 0]);
        Assert.Equal(ChartColor.White, png[png.Width - 1, png.Height - 1]);
        Assert.Equal(ChartColor.White, png[png.Width / 2, 4]); // above the title
        Assert.True(png.Find(ChartColor.Black, top: 0, bottom: 40 * PngChartWriter.PixelsPerUnit).Count() > 1000, "no title text");
        Assert.True(png.Find(ChartColor.Black, left: 0, right: 30 * PngChartWriter.PixelsPerUnit).Count() > 500, "no y-axis title");
        Assert.Equal(ChartColor.Black, png[80 * PngChartWriter.PixelsPerUnit, 200 * PngChartWriter.PixelsPerUnit]); // the y axis
    }

    [Fact]
    public void Png_IsByteIdentical_ForTheSameReport()
    {
        byte[] first = ChartRenderer.RenderPng(GridReport(["seq", "random", "string"]));
        byte[] second = ChartRenderer.RenderPng(GridReport(["seq", "random", "string"]));

        Assert.Equal(first, second);
        Assert.NotEqual(first, ChartRenderer.RenderPng(ReportWriterTests.Report()));
    }

    [Fact]
    public void Png_OfTheDefaultGrid_IsSmall()
    {
        // 6 workloads x 3 key shapes x 5 maps, the default run: about 7300 x 1100 pixels, mostly flat colour.
        byte[] png = ChartRenderer.RenderPng(GridReport(["seq", "random", "string"]));

        Assert.InRange(png.Length, 1_000, 400_000);
    }

    [Theory]
    [InlineData("Start")]
    [InlineData("Middle")]
    [InlineData("End")]
    public void Png_AnchorsText_AtItsStartMiddleOrEnd(string anchorName)
    {
        var anchor = Enum.Parse<TextAnchor>(anchorName);
        var drawing = new ChartDrawing(100, 40, [new ChartText(50, 20, "HIH", 10, anchor)]);

        var ink = PngReader.Read(PngChartWriter.Write(drawing)).Find(ChartColor.Black).ToList();

        // "HIH" at scale 2: 3 glyphs of 5 dots with 1-dot gaps, 17 dots = 34 pixels wide, 7 dots = 14 pixels tall.
        int first = ink.Min(p => p.X), last = ink.Max(p => p.X);
        Assert.Equal(34, last - first + 1);
        Assert.Equal((40 - 14, 40 - 1), (ink.Min(p => p.Y), ink.Max(p => p.Y))); // capitals stand on the baseline, y = 40
        int expectedFirst = anchor switch { TextAnchor.Start => 100, TextAnchor.Middle => 100 - 17, _ => 100 - 34 };
        Assert.Equal(expectedFirst, first);
    }

    [Fact]
    public void Png_TurnsVerticalText_ToReadUpwards_CentredOnItsAnchor()
    {
        var drawing = new ChartDrawing(40, 100, [new ChartText(20, 50, "L", 10, TextAnchor.Middle, Vertical: true)]);

        var ink = PngReader.Read(PngChartWriter.Write(drawing)).Find(ChartColor.Black).ToList();

        // 'L' is 5 x 7 dots at scale 2, turned anticlockwise: 14 pixels left of the baseline (x = 40), 10 pixels tall,
        // centred on y = 100; its stem (the glyph's left column) becomes the bottom row and its foot the rightmost column.
        Assert.Equal((40 - 14, 40 - 1), (ink.Min(p => p.X), ink.Max(p => p.X)));
        Assert.Equal((100 - 5, 100 + 4), (ink.Min(p => p.Y), ink.Max(p => p.Y)));
        Assert.Equal(14, ink.Count(p => p.Y == 100 + 4));
        Assert.Equal(10, ink.Count(p => p.X == 40 - 1));
    }

    [Fact]
    public void Png_DrawsDashedLinesAsDashes_AndRefusesDiagonals()
    {
        var dashed = new ChartDrawing(30, 10, [new ChartLine(0, 5, 30, 5, ChartColor.Black, Dashed: true)]);

        var row = PngReader.Read(PngChartWriter.Write(dashed)).Find(ChartColor.Black).Where(p => p.Y == 10).Select(p => p.X).ToList();

        // Dashes of 6 units and gaps of 4, from x = 0: pixels 0-11, 20-31, 40-51.
        Assert.Equal(Enumerable.Range(0, 12).Concat(Enumerable.Range(20, 12)).Concat(Enumerable.Range(40, 12)), row);
        var diagonal = new ChartDrawing(30, 10, [new ChartLine(0, 0, 30, 10, ChartColor.Black)]);
        Assert.Throws<NotSupportedException>(() => PngChartWriter.Write(diagonal));
    }

    [Theory]
    [InlineData("m.png", true)]
    [InlineData("M.PNG", true)]
    [InlineData("m.svg", false)]
    [InlineData("m.Svg", false)]
    public void Write_PicksTheFormatFromTheExtension(string name, bool png)
    {
        string path = _temp.File(name);

        ChartRenderer.Write(ReportWriterTests.Report(), path);

        byte[] bytes = File.ReadAllBytes(path);
        if (png)
        {
            PngReader.Read(bytes);
        }
        else
        {
            Assert.Equal(s_svg + "svg", XDocument.Parse(Encoding.UTF8.GetString(bytes)).Root!.Name);
        }

        Assert.Equal([name], Directory.GetFiles(_temp.Path).Select(Path.GetFileName)); // no temporary file left
    }

    [Theory]
    [InlineData("m.jpg", "'.jpg'")]
    [InlineData("m", "''")]
    [InlineData("m.svg.txt", "'.txt'")]
    public void ChartFormatOf_OtherExtensions_NameTheOptionAndTheAcceptedOnes(string path, string extension)
    {
        var ex = Assert.Throws<UsageException>(() => OutputPaths.ChartFormatOf(path));

        Assert.Equal($"--chart: cannot tell the format of '{path}' from its extension {extension}; use .png or .svg", ex.Message);
    }

    /// <summary>The standard workloads on <paramref name="keyShapes"/> for all five maps, with made-up ratios.</summary>
    internal static MatrixReport GridReport(string[] keyShapes)
    {
        string[] workloads = ["hot-read", "big-read", "cache", "big-mixed", "hot-mixed", "big-read-1t"];
        string[] maps = ["ConcurrentDictionary", "LockedMap", "ShardedMap", "ReadMostlyMap", "LockFreeMap"];
        var rows = new List<ResultRow>();
        int n = 0;
        foreach (string workload in workloads)
        {
            foreach (string shape in keyShapes)
            {
                for (int m = 0; m < maps.Length; m++)
                {
                    double ratio = m == 0 ? 1.0 : 0.3 + (((n++ * 37) % 23) / 10.0);
                    rows.Add(Row(maps[m], 10 * ratio, 100, workload, ratio, shape));
                }
            }
        }

        var fixedReport = ReportWriterTests.Report();
        return new MatrixReport
        {
            Machine = fixedReport.Machine,
            Settings = fixedReport.Settings,
            Complete = true,
            Results = rows,
            Recommendations = [],
            Failures = [],
            Workloads = workloads,
            KeyShapes = keyShapes,
            Maps = maps,
        };
    }
}
