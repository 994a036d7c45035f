using System.Buffers.Binary;
using System.Globalization;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// The key with index i of each <see cref="KeyShape"/>, and the shapes' names. Every function is a pure function of
/// the index, distinct indexes give distinct keys, and each string call returns a new instance. This is the one
/// definition of the key shapes: the BenchmarkDotNet project compiles this file (with <see cref="KeyShape"/> and
/// <see cref="SplitMix64"/>) as a linked source, so the matrix and the benchmark grid measure the same keys.
/// </summary>
internal static class ShapedKeys
{
    /// <summary>Every shape, in the order the outputs list them.</summary>
    public static IReadOnlyList<KeyShape> All { get; } = [KeyShape.Seq, KeyShape.Random, KeyShape.String, KeyShape.Url, KeyShape.Guid];

    /// <summary>The prefix every <see cref="KeyShape.String"/> key starts with.</summary>
    public const string OrderPrefix = "order-";

    /// <summary>The prefix every <see cref="KeyShape.Url"/> key starts with.</summary>
    public const string UrlPrefix = "https://shop.example.com/catalog/";

    /// <summary>The shortest <see cref="KeyShape.Url"/> key.</summary>
    public const int UrlMinLength = 60;

    /// <summary>The longest <see cref="KeyShape.Url"/> key.</summary>
    public const int UrlMaxLength = 80;

    /// <summary>The largest index the string shapes take: their keys hold the index in nine digits.</summary>
    public const int MaxStringIndex = 999_999_999;

    // Nine digits hold every index below WorkloadLimits.MaxKeys (64 Mi, eight digits) with room to spare.
    private const int IndexDigits = 9;

    private const string UrlItem = "/item-";
    private const string UrlQuery = "?ref=";
    private const string RefAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    // Varied lengths (4 to 11), so the fixed part of a URL is 57 to 64 characters and the ref fills it to 60-80.
    private static readonly string[] s_categories = ["books", "garden", "toys", "electronics", "kitchen", "sports", "music", "outdoor"];

    /// <summary>The lower-case name used on the command line, in profiles and in every output: <c>seq</c>, <c>url</c>, ...</summary>
    public static string NameOf(KeyShape shape) => shape switch
    {
        KeyShape.Seq => "seq",
        KeyShape.Random => "random",
        KeyShape.String => "string",
        KeyShape.Url => "url",
        KeyShape.Guid => "guid",
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown key shape."),
    };

    /// <summary>Parses a name of <see cref="NameOf"/>, case-insensitively and ignoring surrounding spaces.</summary>
    public static bool TryParse(string? text, out KeyShape shape)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(text?.Trim(), NameOf(candidate), StringComparison.OrdinalIgnoreCase))
            {
                shape = candidate;
                return true;
            }
        }

        shape = default;
        return false;
    }

    /// <summary>The key type of <paramref name="shape"/>: <see cref="long"/>, <see cref="string"/> or <see cref="System.Guid"/>.</summary>
    public static Type KeyTypeOf(KeyShape shape) => shape switch
    {
        KeyShape.Seq or KeyShape.Random => typeof(long),
        KeyShape.String or KeyShape.Url => typeof(string),
        KeyShape.Guid => typeof(Guid),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown key shape."),
    };

    /// <summary><see cref="KeyShape.Seq"/>: the index itself.</summary>
    public static long Sequential(int index) => index;

    /// <summary><see cref="KeyShape.Random"/>: the index scrambled by SplitMix64's finalizer, a bijection.</summary>
    public static long Random(int index) => (long)SplitMix64.Mix((ulong)index);

    /// <summary><see cref="KeyShape.String"/>: <c>order-</c> and the index in nine zero-padded digits, 15 characters.</summary>
    public static string ShortString(int index)
    {
        CheckIndex(index);
        return string.Create(OrderPrefix.Length + IndexDigits, index, static (span, i) =>
        {
            OrderPrefix.CopyTo(span);
            i.TryFormat(span[OrderPrefix.Length..], out _, "D9", CultureInfo.InvariantCulture);
        });
    }

    /// <summary>
    /// <see cref="KeyShape.Url"/>: <c>https://shop.example.com/catalog/{category}/item-{index:D9}?ref={ref}</c>, with the
    /// category and the length of the ref drawn from a hash of the index so lengths spread over 60 to 80 characters.
    /// The index in the middle keeps keys distinct; the long shared prefix makes every comparison read far.
    /// </summary>
    public static string Url(int index)
    {
        CheckIndex(index);
        ulong hash = SplitMix64.Mix((ulong)index ^ 0x75726C5F6B657973UL);
        string category = s_categories[(int)(hash & 7)];
        int fixedLength = UrlPrefix.Length + category.Length + UrlItem.Length + IndexDigits + UrlQuery.Length;
        int minRef = Math.Max(2, UrlMinLength - fixedLength);
        int maxRef = UrlMaxLength - fixedLength;
        int refLength = minRef + (int)((hash >> 8) % (ulong)(maxRef - minRef + 1));
        return string.Create(fixedLength + refLength, (index, hash, category), static (span, state) =>
        {
            int at = 0;
            Append(span, ref at, UrlPrefix);
            Append(span, ref at, state.category);
            Append(span, ref at, UrlItem);
            state.index.TryFormat(span[at..], out int written, "D9", CultureInfo.InvariantCulture);
            at += written;
            Append(span, ref at, UrlQuery);
            for (int k = 0; at < span.Length; k++)
            {
                span[at++] = RefAlphabet[(int)(SplitMix64.Mix(state.hash + (ulong)k) % (ulong)RefAlphabet.Length)];
            }
        });
    }

    /// <summary><see cref="KeyShape.Guid"/>: 16 bytes from SplitMix64; the first eight are a bijection of the index.</summary>
    public static Guid Guid(int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, SplitMix64.Mix((ulong)index));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], SplitMix64.Mix((ulong)index + 0x9E3779B97F4A7C15UL));
        return new Guid(bytes);
    }

    private static void Append(Span<char> span, ref int at, string text)
    {
        text.CopyTo(span[at..]);
        at += text.Length;
    }

    // The string shapes print the index in IndexDigits digits; a larger index would not fit and keys would collide.
    private static void CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, MaxStringIndex);
    }
}
