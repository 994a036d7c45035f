using System.Globalization;

namespace MapGuard.Cli.Matrix.Output;

/// <summary>An opaque sRGB colour of the chart, 8 bits per channel.</summary>
/// <param name="R">Red.</param>
/// <param name="G">Green.</param>
/// <param name="B">Blue.</param>
internal readonly record struct ChartColor(byte R, byte G, byte B)
{
    /// <summary>The background.</summary>
    public static ChartColor White { get; } = FromRgb(0xffffff);

    /// <summary>Text and axes.</summary>
    public static ChartColor Black { get; } = FromRgb(0x000000);

    /// <summary>The colour of <paramref name="rgb"/> written as 0xRRGGBB.</summary>
    public static ChartColor FromRgb(int rgb) => new((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);

    /// <summary>The colour as SVG and CSS write it: <c>#rrggbb</c>.</summary>
    public string Hex => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");
}
