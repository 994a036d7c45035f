using MapGuard.Redis.Internal;
using MapGuard.Redis.Serialization;
using StackExchange.Redis;

namespace MapGuard.Redis;

public sealed partial class RedisMap<TKey, TValue>
{
    /// <summary>The largest magnitude the server-side add handles exactly: 2^53 − 1 (Redis's Lua numbers are doubles).</summary>
    public const long MaxExactCounter = (1L << 53) - 1;

    private static readonly (long Minimum, long Maximum)? s_counterRange = CounterRange();

    /// <summary>
    /// Atomically adds <paramref name="delta"/> to the integer stored for <paramref name="key"/> if the result stays within
    /// [<paramref name="minimum"/>, <paramref name="maximum"/>] (clamped to the value type's range and to
    /// ±<see cref="MaxExactCounter"/>): one Lua script, one round trip, whatever the contention. The stored value must be
    /// canonical decimal text, as RedisMap writes it.
    /// </summary>
    /// <inheritdoc />
    /// <remarks>
    /// A token cancelled while the script is on the wire stops the wait, not the script: the add may still be applied.
    /// </remarks>
    /// <exception cref="NotSupportedException"><typeparamref name="TValue"/> is not an integer type with the built-in
    /// serializer.</exception>
    /// <exception cref="NonCanonicalValueException">The stored value is not canonical decimal text within
    /// ±<see cref="MaxExactCounter"/>; nothing changed.</exception>
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the script was sent but not answered.</exception>
    /// <exception cref="InvalidOperationException">The server refuses Lua scripts (Garnet without <c>--lua</c>).</exception>
    public async ValueTask<CounterUpdate> AddWithinAsync(TKey key, long delta, long minimum, long maximum, bool createIfMissing = false, CancellationToken cancellationToken = default)
    {
        RedisValue field = Field(key);
        if (s_counterRange is not { } range || _values is not BuiltInMapSerializer<TValue>)
        {
            throw new NotSupportedException(
                $"RedisMap '{_name}': AddWithinAsync needs an integer value type stored by the built-in serializer; {typeof(TValue).Name} is not one.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimum, maximum);
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, -MaxExactCounter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delta, MaxExactCounter);
        long low = Math.Max(minimum, range.Minimum);
        long high = Math.Min(maximum, range.Maximum);
        cancellationToken.ThrowIfCancellationRequested();

        // LINEARIZATION POINT: the AddWithin script on the server (read, check, HINCRBY in one step).
        RedisResult result = await ScriptAsync(
            RedisScripts.AddWithin, [field, delta, low, high, createIfMissing ? 1 : 0, range.Minimum, range.Maximum], nameof(AddWithinAsync), cancellationToken).ConfigureAwait(false);
        var parts = (RedisResult[])result!;
        return (long)parts[0] switch
        {
            1 => new CounterUpdate(CounterOutcome.Applied, (long)parts[1]),
            0 => new CounterUpdate(CounterOutcome.OutOfRange, (long)parts[1]),
            -1 => new CounterUpdate(CounterOutcome.Missing, 0),
            _ => throw NotCanonical(field, RedisValue.Null, nameof(AddWithinAsync),
                $"is not canonical decimal text of a {typeof(TValue).Name} (within ±{MaxExactCounter})", null),
        };
    }

    private static (long Minimum, long Maximum)? CounterRange()
    {
        Type type = typeof(TValue);
        return type == typeof(long) ? (-MaxExactCounter, MaxExactCounter)
            : type == typeof(int) ? (int.MinValue, int.MaxValue)
            : type == typeof(short) ? (short.MinValue, short.MaxValue)
            : type == typeof(sbyte) ? (sbyte.MinValue, sbyte.MaxValue)
            : type == typeof(byte) ? (byte.MinValue, byte.MaxValue)
            : type == typeof(ushort) ? (ushort.MinValue, ushort.MaxValue)
            : type == typeof(uint) ? (uint.MinValue, uint.MaxValue)
            : type == typeof(ulong) ? (0, MaxExactCounter)
            : null;
    }
}
