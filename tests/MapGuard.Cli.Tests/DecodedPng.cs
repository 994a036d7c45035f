using MapGuard.Cli.Matrix.Output;

namespace MapGuard.Cli.Tests;

/// <summary>A PNG read back by <see cref="PngReader"/>: its size and RGB pixels, rows top first.</summary>
internal sealed record DecodedPng(int Width, int Height, byte[] Pixels)
{
    public ChartColor this[int x, int y]
    {
        get
        {
            int i = ((y * Width) + x) * 3;
            return new ChartColor(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }

    /// <summary>The pixels (x, y) in the rectangle [left, right) x [top, bottom) with <paramref name="color"/>.</summary>
    public IEnumerable<(int X, int Y)> Find(ChartColor color, int left = 0, int top = 0, int right = int.MaxValue, int bottom = int.MaxValue)
    {
        for (int y = top; y < Math.Min(bottom, Height); y++)
        {
            for (int x = left; x < Math.Min(right, Width); x++)
            {
                if (this[x, y] == color)
                {
                    yield return (x, y);
                }
            }
        }
    }
}
