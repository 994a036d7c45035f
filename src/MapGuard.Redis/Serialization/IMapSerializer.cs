using StackExchange.Redis;

namespace MapGuard.Redis.Serialization;

/// <summary>
/// Turns keys or values into the bytes <see cref="RedisMap{TKey, TValue}"/> stores on the server, and back.
/// </summary>
/// <typeparam name="T">The key or value type.</typeparam>
/// <remarks>
/// <para><b>Equality is byte equality.</b> The server compares keys (hash fields) and, for
/// <see cref="IConcurrentMap{TKey, TValue}.TryUpdate"/> and the compare-and-set loops, values by their stored bytes.
/// A serializer must therefore be <i>canonical</i>: two values that <see cref="EqualityComparer{T}.Default"/> calls
/// equal must serialize to the same bytes, and two that it calls different must serialize to different bytes.
/// The built-in serializers are; a custom one that is not makes lookups miss, and a value that does not serialize back
/// to its stored bytes is refused on read with <see cref="NonCanonicalValueException"/>.</para>
/// <para>Implementations must be thread-safe: one instance serves every caller of a map.</para>
/// </remarks>
public interface IMapSerializer<T>
{
    /// <summary>Encodes <paramref name="value"/> for storage.</summary>
    /// <param name="value">The key or value.</param>
    /// <returns>The stored form. Never <see cref="RedisValue.Null"/>, which the map reads as "absent".</returns>
    RedisValue Serialize(T value);

    /// <summary>Decodes a stored form produced by <see cref="Serialize"/>.</summary>
    /// <param name="stored">The bytes read from the server; never <see cref="RedisValue.Null"/>.</param>
    /// <returns>The key or value.</returns>
    T Deserialize(RedisValue stored);
}
