using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StackExchange.Redis;

namespace MapGuard.Redis.Serialization;

/// <summary>
/// Stores values as UTF-8 JSON through a <see cref="JsonTypeInfo{T}"/>, typically from a source-generated
/// <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>, so no reflection runs and the map stays
/// trimming- and AOT-safe.
/// </summary>
/// <typeparam name="T">The key or value type.</typeparam>
/// <remarks>
/// System.Text.Json writes members in a fixed order with fixed formatting, so equal objects give equal bytes for
/// records and plain data types. It does not for types whose <c>Equals</c> is not member-wise (a class with reference
/// equality, a dictionary member whose order varies): <c>TryUpdate</c> then compares the JSON, not <c>Equals</c>.
/// </remarks>
public sealed class JsonMapSerializer<T> : IMapSerializer<T>
{
    private readonly JsonTypeInfo<T> _typeInfo;

    /// <summary>Creates a serializer over <paramref name="typeInfo"/>.</summary>
    /// <param name="typeInfo">The contract, e.g. <c>MyJsonContext.Default.Order</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is null.</exception>
    public JsonMapSerializer(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        _typeInfo = typeInfo;
    }

    /// <inheritdoc />
    public RedisValue Serialize(T value) => JsonSerializer.SerializeToUtf8Bytes(value, _typeInfo);

    /// <inheritdoc />
    /// <exception cref="JsonException">The stored bytes are not JSON for <typeparamref name="T"/>.</exception>
    public T Deserialize(RedisValue stored) => JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)stored).Span, _typeInfo)!;
}
