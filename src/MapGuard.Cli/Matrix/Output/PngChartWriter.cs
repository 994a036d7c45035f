namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// Rasterises a <see cref="ChartDrawing"/> onto a <see cref="RasterCanvas"/> at <see cref="PixelsPerUnit"/> pixels per
/// unit and encodes it with <see cref="PngEncoder"/>. Rectangles and lines snap to whole pixels; text uses
/// <see cref="BitmapFont"/>, scaled so its capitals stand about as tall as a sans-serif's of the same font size.
/// </summary>
internal static class PngChartWriter
{
    /// <summary>
    /// Pixels per chart unit: 2, so a 900-unit chart is 1800 pixels wide, sharp on a high-density screen, and the
    /// labels' 5x7 glyphs get two pixels per dot instead of one.
    /// </summary>
    public const int PixelsPerUnit = 2;

    /// <summary>Renders <paramref name="drawing"/> as PNG bytes.</summary>
    /// <exception cref="NotSupportedException">A line is neither horizontal nor vertical.</exception>
    public static byte[] Write(ChartDrawing drawing)
    {
        var canvas = new RasterCanvas(drawing.Width * PixelsPerUnit, drawing.Height * PixelsPerUnit);
        foreach (var shape in drawing.Shapes)
        {
            switch (shape)
            {
                case ChartRect r:
                    canvas.Fill(P(r.X), P(r.Y), P(r.X + r.Width), P(r.Y + r.Height), r.Fill);
                    break;
                case ChartLine l:
                    DrawLine(canvas, l);
                    break;
                case ChartText t:
                    DrawText(canvas, t);
                    break;
                default:
                    throw new NotSupportedException($"no PNG form for {shape.GetType().Name}");
            }
        }

        return PngEncoder.Encode(canvas.Width, canvas.Height, canvas.Pixels);
    }

    /// <summary>
    /// The font pixel size, in canvas pixels, for text of <paramref name="size"/> units: a capital is about 0.7 em tall
    /// and <see cref="BitmapFont.Ascent"/> (7) dots, so one dot is about size / 10 units, rounded to whole pixels.
    /// </summary>
    public static int GlyphScale(double size) => Math.Max(1, (int)Math.Round(size * PixelsPerUnit / 10, MidpointRounding.AwayFromZero));

    // A line one unit wide, centred on its axis like an SVG stroke, as rectangles: one, or one per dash.
    private static void DrawLine(RasterCanvas canvas, ChartLine line)
    {
        bool horizontal = line.Y1 == line.Y2;
        if (!horizontal && line.X1 != line.X2)
        {
            throw new NotSupportedException($"the PNG chart draws only horizontal and vertical lines, not ({line.X1}, {line.Y1})-({line.X2}, {line.Y2})");
        }

        double start = horizontal ? Math.Min(line.X1, line.X2) : Math.Min(line.Y1, line.Y2);
        double end = horizontal ? Math.Max(line.X1, line.X2) : Math.Max(line.Y1, line.Y2);
        double axis = horizontal ? line.Y1 : line.X1;
        double period = line.Dashed ? ChartLine.DashLength + ChartLine.GapLength : double.PositiveInfinity;
        double dash = line.Dashed ? ChartLine.DashLength : double.PositiveInfinity;
        for (double from = start; from < end; from += period)
        {
            double to = Math.Min(from + dash, end);
            if (horizontal)
            {
                canvas.Fill(P(from), P(axis - 0.5), P(to), P(axis + 0.5), line.Stroke);
            }
            else
            {
                canvas.Fill(P(axis - 0.5), P(from), P(axis + 0.5), P(to), line.Stroke);
            }
        }
    }

    private static void DrawText(RasterCanvas canvas, ChartText text)
    {
        int scale = GlyphScale(text.Size);
        int length = BitmapFont.WidthOf(text.Text) * scale;
        int offset = text.Anchor switch
        {
            TextAnchor.Middle => length / 2,
            TextAnchor.End => length,
            _ => 0,
        };
        int x = P(text.X);
        int y = P(text.Y);
        if (text.Vertical)
        {
            canvas.DrawText(x, y + offset, text.Text, scale, vertical: true, ChartColor.Black);
        }
        else
        {
            canvas.DrawText(x - offset, y, text.Text, scale, vertical: false, ChartColor.Black);
        }
    }

    // Chart units to the nearest pixel edge.
    private static int P(double units) => (int)Math.Round(units * PixelsPerUnit, MidpointRounding.AwayFromZero);
}
