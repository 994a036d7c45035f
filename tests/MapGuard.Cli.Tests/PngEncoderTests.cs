using MapGuard.Cli.Matrix.Output;

namespace MapGuard.Cli.Tests;

/// <summary>The PNG encoder, its CRC-32 and the bitmap font the PNG chart draws text with.</summary>
public sealed class PngEncoderTests
{
    [Fact]
    public void PngEncoder_WritesPixelsThatReadBackUnchanged()
    {
        byte[] rgb = new byte[3 * 2 * 3];
        new Random(7).NextBytes(rgb);

        var png = PngReader.Read(PngEncoder.Encode(3, 2, rgb)); // checks signature, chunk CRCs, IHDR and scanlines

        Assert.Equal((3, 2), (png.Width, png.Height));
        Assert.Equal(rgb, png.Pixels);
    }

    [Fact]
    public void Crc32_MatchesTheStandardCheckValue_AndTheBitwiseDefinition()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
        byte[] bytes = new byte[4099];
        new Random(24).NextBytes(bytes);
        Assert.Equal(PngReader.BitwiseCrc32(bytes), Crc32.Compute(bytes));
        Assert.Equal(Crc32.Compute(bytes), ~Crc32.Update(Crc32.Update(0xFFFFFFFF, bytes.AsSpan(0, 1000)), bytes.AsSpan(1000)));
    }

    [Fact]
    public void PngEncoder_RejectsPixelsOfTheWrongSize()
    {
        Assert.Equal("rgb", Assert.Throws<ArgumentException>(() => PngEncoder.Encode(2, 2, new byte[11])).ParamName);
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(0, 2, [])).ParamName);
    }

    [Fact]
    public void BitmapFont_GivesEachPrintableCharacterItsOwnGlyph_AndDrawsOthersAsAQuestionMark()
    {
        static string Glyph(char c) => string.Concat(
            Enumerable.Range(0, BitmapFont.GlyphHeight * BitmapFont.GlyphWidth)
                .Select(i => BitmapFont.HasInk(c, i % BitmapFont.GlyphWidth, i / BitmapFont.GlyphWidth) ? '#' : '.'));

        var glyphs = Enumerable.Range(32, 95).Select(c => Glyph((char)c)).ToList();

        Assert.Equal(95, glyphs.Distinct().Count());
        Assert.DoesNotContain('#', glyphs[0]); // space
        Assert.All(glyphs.Skip(1), g => Assert.Contains('#', g));
        Assert.Equal(Glyph('?'), Glyph('é'));
        Assert.Equal(Glyph('?'), Glyph('\t'));
        Assert.Equal(Glyph('?'), Glyph('×'));
    }
}
