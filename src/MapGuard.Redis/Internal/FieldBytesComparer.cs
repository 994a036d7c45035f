using StackExchange.Redis;

namespace MapGuard.Redis.Internal;

/// <summary>
/// Compares hash fields by their bytes and hashes them with <see cref="HashCode.AddBytes"/>, which is seeded at random
/// per process, so no chosen set of fields collides on every machine. <see cref="RedisValue"/>'s own
/// <c>GetHashCode</c> hashes numeric-looking text as <see cref="long.GetHashCode"/> (high word XOR low word), under which
/// every field <c>(x &lt;&lt; 32) | x</c> hashes to 0, and its <c>Equals</c> calls <c>0100</c> and <c>100</c> equal.
/// </summary>
internal sealed class FieldBytesComparer : IEqualityComparer<RedisValue>
{
    private FieldBytesComparer()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static FieldBytesComparer Instance { get; } = new();

    public bool Equals(RedisValue x, RedisValue y) =>
        ((ReadOnlyMemory<byte>)x).Span.SequenceEqual(((ReadOnlyMemory<byte>)y).Span);

    public int GetHashCode(RedisValue obj)
    {
        var hash = new HashCode();
        hash.AddBytes(((ReadOnlyMemory<byte>)obj).Span);
        return hash.ToHashCode();
    }
}
