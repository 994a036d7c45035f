using System.Text;
using MapGuard.Cli.Matrix.Results;

namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// <c>--chart</c>: draws the matrix as a grouped bar chart (<see cref="ChartLayout"/>) and writes it as SVG
/// (<see cref="SvgChartWriter"/>) or PNG (<see cref="PngChartWriter"/>), chosen by the file's extension.
/// </summary>
/// <remarks>
/// Both formats come from the CLI's own code on the base class library, with no graphics package. A plotting library
/// (ScottPlot on SkiaSharp) ships a native graphics stack for every platform, about 90 MB of the tool package, to draw
/// what is here a few dozen rectangles, lines and labels. Instead the layout is computed once as those primitives, and
/// two small back-ends draw them. SVG is the scalable form: a few elements of markup that every browser, GitHub and
/// image tool renders, sharp at any zoom, text in the viewer's font. PNG is for places that take no SVG (chat, slides,
/// issue trackers that strip it): a raster canvas, a bitmap font drawn for this chart (a bar chart's labels are
/// numbers and names, which a 5x7 face reads fine) and a PNG encoder over <see cref="System.IO.Compression.ZLibStream"/>.
/// Both are deterministic (the same report gives the same bytes, so a chart can be diffed or checked in), neither needs
/// a font installed, and the two together add a few kilobytes to the tool.
/// </remarks>
internal static class ChartRenderer
{
    /// <summary>Renders <paramref name="report"/> to an SVG document (UTF-8 text).</summary>
    public static string RenderSvg(MatrixReport report) => SvgChartWriter.Write(ChartLayout.Build(report));

    /// <summary>Renders <paramref name="report"/> to the bytes of a PNG file.</summary>
    public static byte[] RenderPng(MatrixReport report) => PngChartWriter.Write(ChartLayout.Build(report));

    /// <summary>
    /// Renders <paramref name="report"/> in the format of <paramref name="path"/>'s extension (see
    /// <see cref="OutputPaths.ChartFormatOf"/>) and writes it atomically.
    /// </summary>
    public static void Write(MatrixReport report, string path) => AtomicFile.WriteAllBytes(path, OutputPaths.ChartFormatOf(path) switch
    {
        ChartFormat.Png => RenderPng(report),
        _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(RenderSvg(report)),
    });
}
