namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// CRC-32 as PNG (and zip, gzip, Ethernet) define it: polynomial 0x04C11DB7 taken bit-reversed (0xEDB88320),
/// initial value and final XOR 0xFFFFFFFF; "123456789" gives 0xCBF43926.
/// </summary>
/// <remarks>
/// Table-driven, one byte per step: the table holds the remainder of each byte value, built once from the bitwise
/// definition (PNG specification, annex D). A few lines instead of a package, and fast enough for an image of a few MB.
/// </remarks>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320;

    private static readonly uint[] s_table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="bytes"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes) => ~Update(0xFFFFFFFF, bytes);

    /// <summary>
    /// Feeds <paramref name="bytes"/> into a running register (start with 0xFFFFFFFF, complement the end result), so a
    /// CRC can span several buffers.
    /// </summary>
    public static uint Update(uint register, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            register = s_table[(register ^ b) & 0xFF] ^ (register >> 8);
        }

        return register;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < table.Length; n++)
        {
            uint c = n;
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
