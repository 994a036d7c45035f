namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// An RGB image in memory, 3 bytes per pixel, rows top first, that starts white; it fills axis-aligned rectangles
/// (clipped to the image) and draws <see cref="BitmapFont"/> text. Everything else is made of rectangles.
/// </summary>
internal sealed class RasterCanvas
{
    private readonly byte[] _rgb;

    /// <summary>Creates a white canvas.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive.</exception>
    public RasterCanvas(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        _rgb = new byte[checked(width * height * 3)];
        _rgb.AsSpan().Fill(0xFF);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels: R, G, B per pixel, row by row from the top, as <see cref="PngEncoder.Encode"/> takes them.</summary>
    public ReadOnlySpan<byte> Pixels => _rgb;

    /// <summary>Paints the pixels with x in [<paramref name="left"/>, <paramref name="right"/>) and y in [<paramref name="top"/>, <paramref name="bottom"/>); the part outside the canvas is dropped.</summary>
    public void Fill(int left, int top, int right, int bottom, ChartColor color)
    {
        left = Math.Max(left, 0);
        top = Math.Max(top, 0);
        right = Math.Min(right, Width);
        bottom = Math.Min(bottom, Height);
        for (int y = top; y < bottom; y++)
        {
            for (int x = left; x < right; x++)
            {
                int i = ((y * Width) + x) * 3;
                _rgb[i] = color.R;
                _rgb[i + 1] = color.G;
                _rgb[i + 2] = color.B;
            }
        }
    }

    /// <summary>
    /// Draws <paramref name="text"/> with each font pixel a <paramref name="scale"/>-pixel square. (<paramref name="x"/>,
    /// <paramref name="baseline"/>) is the left end of the baseline; when <paramref name="vertical"/>, the text is turned
    /// a quarter turn anticlockwise about that point and reads upwards from it.
    /// </summary>
    public void DrawText(int x, int baseline, string text, int scale, bool vertical, ChartColor color)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        for (int i = 0; i < text.Length; i++)
        {
            for (int row = 0; row < BitmapFont.GlyphHeight; row++)
            {
                for (int column = 0; column < BitmapFont.GlyphWidth; column++)
                {
                    if (!BitmapFont.HasInk(text[i], column, row))
                    {
                        continue;
                    }

                    // (along, across): the font pixel's top-left corner in the text's own frame, the baseline's left end
                    // at (0, 0), along the text to the right and across it downwards.
                    int along = ((i * BitmapFont.Advance) + column) * scale;
                    int across = (row - BitmapFont.Ascent) * scale;
                    if (vertical)
                    {
                        // Turned anticlockwise: along the text runs up the canvas, across it runs right.
                        Fill(x + across, baseline - along - scale, x + across + scale, baseline - along, color);
                    }
                    else
                    {
                        Fill(x + along, baseline + across, x + along + scale, baseline + across + scale, color);
                    }
                }
            }
        }
    }
}
