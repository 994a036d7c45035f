using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// Encodes 8-bit RGB pixels as a PNG file: the signature, IHDR, one IDAT and IEND, each chunk closed by its
/// <see cref="Crc32"/>.
/// </summary>
/// <remarks>
/// Every scanline uses filter type 0 (none): the chart is large flat areas, which zlib's matching already shrinks to
/// almost nothing, so the adaptive filters would add code for a few bytes. The same pixels give the same bytes from
/// the same runtime (its zlib is deterministic at a given level); no chunk carries a time or a name.
/// References: the PNG specification (W3C, third edition), sections 5 (datastream), 7 (scanlines, filter 0) and 11.2
/// (IHDR, IDAT, IEND); the zlib format (RFC 1950), which <see cref="ZLibStream"/> writes.
/// </remarks>
internal static class PngEncoder
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes a <paramref name="width"/> by <paramref name="height"/> image, rows top first, 3 bytes (R, G, B) per pixel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="rgb"/> is not width x height x 3 bytes long.</exception>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgb)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int stride = checked(width * 3);
        if (rgb.Length != checked(stride * height))
        {
            throw new ArgumentException($"expected {width} x {height} x 3 = {(long)stride * height} bytes of pixels, got {rgb.Length}", nameof(rgb));
        }

        using var png = new MemoryStream();
        png.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour (RGB)
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0 (five filter types per line)
        header[12] = 0; // no interlace
        WriteChunk(png, "IHDR", header);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                for (int y = 0; y < height; y++)
                {
                    zlib.WriteByte(0); // filter type: none
                    zlib.Write(rgb.Slice(y * stride, stride));
                }
            }

            WriteChunk(png, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    // A chunk: data length (big-endian), 4-letter type, data, then the CRC of type and data.
    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(field, data.Length);
        png.Write(field);
        Encoding.ASCII.GetBytes(type, field);
        png.Write(field);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(field, ~Crc32.Update(Crc32.Update(0xFFFFFFFF, field), data));
        png.Write(field);
    }
}
