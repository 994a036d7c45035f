using System.Buffers.Text;
using System.Globalization;
using StackExchange.Redis;

namespace MapGuard.Redis;

public sealed partial class RedisMap<TKey, TValue>
{
    /// <summary>
    /// The most compare-and-set attempts one <c>AddOrUpdate</c> makes before it throws <see cref="MapContendedException"/>:
    /// each lost attempt means another writer of the key succeeded, and a thousand round trips (tens of milliseconds on
    /// loopback, seconds across a slow network) is more contention than a caller should wait out without being told.
    /// </summary>
    public const int MaxCompareAndSetAttempts = 1_000;

    /// <summary>
    /// Decodes a value read from the server for <paramref name="field"/> and checks that it is canonical: that it
    /// serializes back to exactly the stored bytes. Every value RedisMap returns goes through here, so a value written
    /// in another form (<c>0100</c> for 100) is refused with <see cref="NonCanonicalValueException"/> instead of reading
    /// as 100 and then never matching a compare-and-set of 100.
    /// </summary>
    private TValue ReadValue(RedisValue field, RedisValue stored, string operation)
    {
        TValue value;
        try
        {
            value = _values.Deserialize(stored);
        }
        catch (Exception error) when (error is FormatException or InvalidCastException or OverflowException or ArgumentException or System.Text.Json.JsonException)
        {
            throw NotCanonical(field, stored, operation, "does not deserialize", error);
        }

        if (!SameBytes(_values.Serialize(value), stored))
        {
            throw NotCanonical(field, stored, operation, "is not the canonical form of its value (it serializes back to different bytes)", null);
        }

        return value;
    }

    private NonCanonicalValueException NotCanonical(RedisValue field, RedisValue stored, string operation, string problem, Exception? error) =>
        new(
            _name,
            field.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"RedisMap '{_name}': {operation}: the stored value of key '{field}'{(stored.IsNull ? string.Empty : $" ({stored.Length()} bytes)")} {problem}. RedisMap compares values by their bytes, so it cannot use it; another writer stored it. Fix or remove the field."),
            error);

    /// <summary>Whether two values have the same bytes on the wire (RedisValue's own equality parses numbers: "0100" equals 100).</summary>
    internal static bool SameBytes(RedisValue canonical, RedisValue stored)
    {
        ReadOnlySpan<byte> storedBytes = ((ReadOnlyMemory<byte>)stored).Span;
        if (canonical.IsInteger && canonical.TryParse(out long number))
        {
            Span<byte> text = stackalloc byte[20];
            return Utf8Formatter.TryFormat(number, text, out int written) && text[..written].SequenceEqual(storedBytes);
        }

        return ((ReadOnlyMemory<byte>)canonical).Span.SequenceEqual(storedBytes);
    }

    private MapContendedException Contended(string operation) =>
        new(_name, operation, string.Create(CultureInfo.InvariantCulture, $"RedisMap '{_name}': {operation} lost {MaxCompareAndSetAttempts} compare-and-set attempts in a row to other writers of the key and gave up; nothing was applied."));
}
