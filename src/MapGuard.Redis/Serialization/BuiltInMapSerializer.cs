using System.Runtime.CompilerServices;
using System.Text;
using StackExchange.Redis;

namespace MapGuard.Redis.Serialization;

/// <summary>
/// The fast paths: integers, <see cref="bool"/>, <see cref="char"/>, <see cref="float"/>, <see cref="double"/>,
/// <see cref="string"/>, <see cref="Guid"/> and <see cref="byte"/> arrays, each in a canonical form so that byte
/// equality on the server is <see cref="EqualityComparer{T}.Default"/> equality.
/// </summary>
/// <remarks>
/// <para>Integers, <c>bool</c> and <c>char</c> are stored as decimal text (what <c>HINCRBY</c> and <c>redis-cli</c>
/// expect); <see cref="RedisValue"/> holds them inline, so no bytes are allocated on the way out.</para>
/// <para><c>float</c> and <c>double</c> are stored as shortest round-trip text, with <c>-0.0</c> written as <c>0</c> and
/// every NaN as one NaN: <see cref="EqualityComparer{T}.Default"/> cannot tell those apart either, so a stored
/// <c>-0.0</c> reads back as <c>0.0</c>.</para>
/// <para>Strings are UTF-8. A string with an unpaired surrogate is refused with <see cref="ArgumentException"/>, because
/// its UTF-8 form would be the same as another string's. A null string is stored as the single byte <c>0xFF</c>, which
/// no valid UTF-8 text contains, so null and <c>""</c> stay distinct.</para>
/// <para><see cref="Guid"/> is its 16 bytes. A <c>byte[]</c> is stored as is and compared by content (unlike
/// <see cref="EqualityComparer{T}.Default"/> for arrays, which compares references); a null array is refused.</para>
/// <para>Each branch tests <c>typeof(T)</c>, which the JIT folds away for value types.</para>
/// </remarks>
/// <typeparam name="T">The key or value type.</typeparam>
internal sealed class BuiltInMapSerializer<T> : IMapSerializer<T>
{
    private const byte NullStringMarker = 0xFF;

    private static readonly byte[] s_nullString = [NullStringMarker];

    private BuiltInMapSerializer()
    {
    }

    /// <summary>The serializer for <typeparamref name="T"/>, or null when it has no fast path.</summary>
    public static BuiltInMapSerializer<T>? Instance { get; } = IsSupported(typeof(T)) ? new() : null;

    public RedisValue Serialize(T value)
    {
        if (typeof(T) == typeof(long)) { return Unsafe.As<T, long>(ref value); }
        if (typeof(T) == typeof(int)) { return Unsafe.As<T, int>(ref value); }
        if (typeof(T) == typeof(short)) { return (long)Unsafe.As<T, short>(ref value); }
        if (typeof(T) == typeof(sbyte)) { return (long)Unsafe.As<T, sbyte>(ref value); }
        if (typeof(T) == typeof(byte)) { return (long)Unsafe.As<T, byte>(ref value); }
        if (typeof(T) == typeof(ushort)) { return (long)Unsafe.As<T, ushort>(ref value); }
        if (typeof(T) == typeof(uint)) { return Unsafe.As<T, uint>(ref value); }
        if (typeof(T) == typeof(ulong)) { return Unsafe.As<T, ulong>(ref value); }
        if (typeof(T) == typeof(char)) { return (long)Unsafe.As<T, char>(ref value); }
        if (typeof(T) == typeof(bool)) { return Unsafe.As<T, bool>(ref value) ? 1L : 0L; }
        if (typeof(T) == typeof(double)) { return CanonicalDouble(Unsafe.As<T, double>(ref value)); }
        if (typeof(T) == typeof(float)) { return CanonicalDouble(Unsafe.As<T, float>(ref value)); }
        if (typeof(T) == typeof(Guid))
        {
            byte[] bytes = new byte[16];
            Unsafe.As<T, Guid>(ref value).TryWriteBytes(bytes);
            return bytes;
        }

        if (typeof(T) == typeof(string)) { return SerializeString((string?)(object?)value); }
        if (typeof(T) == typeof(byte[]))
        {
            return (byte[]?)(object?)value ?? throw new ArgumentNullException(nameof(value), "RedisMap cannot store a null byte array.");
        }

        throw new NotSupportedException($"No built-in serializer for {typeof(T)}.");
    }

    public T Deserialize(RedisValue stored)
    {
        if (typeof(T) == typeof(long)) { long v = (long)stored; return Unsafe.As<long, T>(ref v); }
        if (typeof(T) == typeof(int)) { int v = checked((int)(long)stored); return Unsafe.As<int, T>(ref v); }
        if (typeof(T) == typeof(short)) { short v = checked((short)(long)stored); return Unsafe.As<short, T>(ref v); }
        if (typeof(T) == typeof(sbyte)) { sbyte v = checked((sbyte)(long)stored); return Unsafe.As<sbyte, T>(ref v); }
        if (typeof(T) == typeof(byte)) { byte v = checked((byte)(long)stored); return Unsafe.As<byte, T>(ref v); }
        if (typeof(T) == typeof(ushort)) { ushort v = checked((ushort)(long)stored); return Unsafe.As<ushort, T>(ref v); }
        if (typeof(T) == typeof(uint)) { uint v = checked((uint)(long)stored); return Unsafe.As<uint, T>(ref v); }
        if (typeof(T) == typeof(ulong)) { ulong v = (ulong)stored; return Unsafe.As<ulong, T>(ref v); }
        if (typeof(T) == typeof(char)) { char v = checked((char)(long)stored); return Unsafe.As<char, T>(ref v); }
        if (typeof(T) == typeof(bool)) { bool v = (long)stored != 0; return Unsafe.As<bool, T>(ref v); }
        if (typeof(T) == typeof(double)) { double v = (double)stored; return Unsafe.As<double, T>(ref v); }
        if (typeof(T) == typeof(float)) { float v = (float)(double)stored; return Unsafe.As<float, T>(ref v); }
        if (typeof(T) == typeof(Guid))
        {
            ReadOnlySpan<byte> bytes = ((ReadOnlyMemory<byte>)stored).Span;
            if (bytes.Length != 16)
            {
                throw new FormatException($"A stored Guid must be 16 bytes; found {bytes.Length}.");
            }

            var v = new Guid(bytes);
            return Unsafe.As<Guid, T>(ref v);
        }

        if (typeof(T) == typeof(string)) { return (T)(object?)DeserializeString(stored)!; }
        if (typeof(T) == typeof(byte[])) { return (T)(object)((byte[])stored)!; }
        throw new NotSupportedException($"No built-in serializer for {typeof(T)}.");
    }

    private static bool IsSupported(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte) ||
        type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong) ||
        type == typeof(char) || type == typeof(bool) || type == typeof(double) || type == typeof(float) ||
        type == typeof(Guid) || type == typeof(string) || type == typeof(byte[]);

    private static RedisValue CanonicalDouble(double value) =>
        double.IsNaN(value) ? double.NaN : value == 0 ? 0L : (RedisValue)value;

    private static RedisValue SerializeString(string? value)
    {
        if (value is null)
        {
            return s_nullString;
        }

        if (value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
        {
            EnsureWellFormed(value);
        }

        return value;
    }

    private static void EnsureWellFormed(string value)
    {
        ReadOnlySpan<char> rest = value;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out int used) != System.Buffers.OperationStatus.Done)
            {
                throw new ArgumentException(
                    $"The string has an unpaired surrogate at index {value.Length - rest.Length}: its UTF-8 form would equal another string's, so RedisMap cannot store it.");
            }

            rest = rest[used..];
        }
    }

    private static string? DeserializeString(RedisValue stored)
    {
        if (stored.Length() == 1 && ((ReadOnlyMemory<byte>)stored).Span[0] == NullStringMarker)
        {
            return null;
        }

        return (string?)stored;
    }
}
