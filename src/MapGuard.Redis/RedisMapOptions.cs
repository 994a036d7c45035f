using System.Text.Json;
using MapGuard.Redis.Serialization;

namespace MapGuard.Redis;

/// <summary>Settings shared by the <see cref="RedisMap{TKey, TValue}"/> instances of an application.</summary>
public sealed class RedisMapOptions
{
    private readonly Dictionary<Type, object> _serializers = [];
    private TimeSpan _operationTimeout = TimeSpan.FromSeconds(5);
    private string _keyPrefix = "mapguard:";
    private int _scanPageSize = 1000;

    /// <summary>
    /// How long one server call may take before it fails with <see cref="MapUnavailableException"/>. Applied to the
    /// connection by <see cref="RedisMapConnection.CreateConfiguration(string, RedisMapOptions)"/> (the client's
    /// <c>SyncTimeout</c>, <c>AsyncTimeout</c> and <c>ConnectTimeout</c>). Default 5 seconds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not between 1 ms and 10 minutes.</exception>
    public TimeSpan OperationTimeout
    {
        get => _operationTimeout;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromMilliseconds(1));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMinutes(10));
            _operationTimeout = value;
        }
    }

    /// <summary>
    /// Prepended to each map's server key: a map named <c>orders</c> lives in the hash <c>mapguard:{orders}</c>.
    /// Default <c>mapguard:</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public string KeyPrefix
    {
        get => _keyPrefix;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _keyPrefix = value;
        }
    }

    /// <summary>How enumeration reads the entries. Default <see cref="RedisEnumerationMode.Auto"/>.</summary>
    public RedisEnumerationMode Enumeration { get; set; } = RedisEnumerationMode.Auto;

    /// <summary>The <c>COUNT</c> hint of each <c>HSCAN</c> page in <see cref="RedisEnumerationMode.Scan"/>. Default 1000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int ScanPageSize
    {
        get => _scanPageSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _scanPageSize = value;
        }
    }

    /// <summary>
    /// JSON settings for key and value types with no built-in fast path and no serializer added with
    /// <see cref="AddSerializer{T}"/>. Their <see cref="JsonSerializerOptions.TypeInfoResolver"/> must know the type;
    /// use a source-generated context's options (<c>MyJsonContext.Default.Options</c>) to stay free of reflection.
    /// Null (the default) means such types are refused when a map is created.
    /// </summary>
    public JsonSerializerOptions? Json { get; set; }

    /// <summary>Uses <paramref name="serializer"/> for every key or value of type <typeparamref name="T"/>, ahead of the built-in ones.</summary>
    /// <typeparam name="T">The key or value type.</typeparam>
    /// <param name="serializer">The serializer; it must be canonical (see <see cref="IMapSerializer{T}"/>).</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serializer"/> is null.</exception>
    public RedisMapOptions AddSerializer<T>(IMapSerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializers[typeof(T)] = serializer;
        return this;
    }

    /// <summary>
    /// The serializer for <typeparamref name="T"/>: one added with <see cref="AddSerializer{T}"/>, else the built-in fast
    /// path, else JSON through <see cref="Json"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">None of the three covers <typeparamref name="T"/>.</exception>
    internal IMapSerializer<T> SerializerFor<T>()
    {
        if (_serializers.TryGetValue(typeof(T), out object? added))
        {
            return (IMapSerializer<T>)added;
        }

        if (BuiltInMapSerializer<T>.Instance is { } builtIn)
        {
            return builtIn;
        }

        if (Json?.TypeInfoResolver is not null && Json.TryGetTypeInfo(typeof(T), out var info) &&
            info is System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typed)
        {
            return new JsonMapSerializer<T>(typed);
        }

        throw new NotSupportedException(
            $"RedisMap has no serializer for {typeof(T)}. Add one with RedisMapOptions.AddSerializer, or set RedisMapOptions.Json to options " +
            "whose TypeInfoResolver knows the type (for example a source-generated JsonSerializerContext's Default.Options).");
    }
}
