using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MapGuard.Cli.Tests;

/// <summary>
/// Reads back the PNG files the chart writes, checking the structure on the way: the signature, chunk order (IHDR, one
/// or more IDAT, IEND), every chunk's CRC against a bitwise CRC-32 written independently of the product's table-driven
/// one, and the scanlines (one filter byte of 0, then width x 3 bytes each). Handles 8-bit RGB only, as written.
/// </summary>
internal static class PngReader
{
    private static readonly byte[] s_signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Decodes <paramref name="png"/>, asserting on any structural fault.</summary>
    public static DecodedPng Read(byte[] png)
    {
        Assert.Equal(s_signature, png.Take(8));
        var chunks = new List<(string Type, byte[] Data)>();
        for (int at = 8; at < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = Encoding.ASCII.GetString(png, at + 4, 4);
            byte[] data = png.AsSpan(at + 8, length).ToArray();
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.True(BitwiseCrc32(png.AsSpan(at + 4, 4 + length)) == stored, $"bad CRC on the {type} chunk");
            chunks.Add((type, data));
            at += 12 + length;
        }

        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("IEND", chunks[^1].Type);
        Assert.Empty(chunks[^1].Data);
        Assert.All(chunks.Skip(1).SkipLast(1), c => Assert.Equal("IDAT", c.Type));

        byte[] header = chunks[0].Data;
        Assert.Equal(13, header.Length);
        int width = BinaryPrimitives.ReadInt32BigEndian(header);
        int height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        Assert.Equal([8, 2, 0, 0, 0], header.Skip(8)); // 8 bits, RGB, deflate, filter method 0, no interlace

        using var compressed = new MemoryStream(chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray());
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        byte[] scanlines = raw.ToArray();
        int lineLength = 1 + (width * 3);
        Assert.Equal(height * lineLength, scanlines.Length);

        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(0, scanlines[y * lineLength]); // filter type: none
            Array.Copy(scanlines, (y * lineLength) + 1, pixels, y * width * 3, width * 3);
        }

        return new DecodedPng(width, height, pixels);
    }

    // CRC-32 straight from its definition, one bit at a time: the reference the table-driven one must match.
    public static uint BitwiseCrc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0xEDB88320 & (0u - (crc & 1)));
            }
        }

        return ~crc;
    }
}
