namespace MapGuard.Cli.Matrix.Output;

/// <summary>The file formats <c>--chart</c> writes, told apart by the path's extension.</summary>
internal enum ChartFormat
{
    /// <summary>.svg: vector markup, scales without blur.</summary>
    Svg,

    /// <summary>.png: a raster image, for places that take no SVG.</summary>
    Png,
}
