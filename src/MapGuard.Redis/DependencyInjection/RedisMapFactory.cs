using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MapGuard.Redis.DependencyInjection;

/// <summary>Creates <see cref="RedisMap{TKey, TValue}"/> instances over the application's connection and options.</summary>
public sealed class RedisMapFactory
{
    private readonly IConnectionMultiplexer _connection;
    private readonly RedisMapOptions _options;

    /// <summary>Creates the factory.</summary>
    /// <param name="connection">The shared connection.</param>
    /// <param name="options">The map options.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public RedisMapFactory(IConnectionMultiplexer connection, IOptions<RedisMapOptions> options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _options = options.Value;
    }

    /// <summary>Gets the map named <paramref name="name"/> in the connection's default database.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="name">The map's name.</param>
    /// <returns>The map; cheap to create, since it holds no entries itself.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="NotSupportedException">No serializer covers a type.</exception>
    public RedisMap<TKey, TValue> Create<TKey, TValue>(string name)
        where TKey : notnull =>
        new(_connection.GetDatabase(), name, _options);
}
