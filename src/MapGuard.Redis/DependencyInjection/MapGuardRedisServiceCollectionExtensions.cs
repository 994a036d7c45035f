using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MapGuard.Redis.DependencyInjection;

/// <summary>Registers <see cref="RedisMap{TKey, TValue}"/> and its connection with a service collection.</summary>
public static class MapGuardRedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RedisMapOptions"/>, a <see cref="RedisMapFactory"/> and, unless one is already registered, a
    /// singleton <see cref="IConnectionMultiplexer"/> connected to <paramref name="configuration"/> with
    /// <see cref="RedisMapConnection.Apply"/>'s settings.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</param>
    /// <param name="configure">Changes to the map options, or null.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    public static IServiceCollection AddMapGuardRedis(this IServiceCollection services, string configuration, Action<RedisMapOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        OptionsBuilder<RedisMapOptions> options = services.AddOptions<RedisMapOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<IConnectionMultiplexer>(provider =>
            ConnectionMultiplexer.Connect(RedisMapConnection.CreateConfiguration(configuration, provider.GetRequiredService<IOptions<RedisMapOptions>>().Value)));
        services.TryAddSingleton<RedisMapFactory>();
        return services;
    }

    /// <summary>
    /// Registers the map named <paramref name="name"/> as the singleton <see cref="IConcurrentMap{TKey, TValue}"/> (and
    /// <see cref="RedisMap{TKey, TValue}"/>). Call <see cref="AddMapGuardRedis"/> first.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The map's name.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static IServiceCollection AddRedisMap<TKey, TValue>(this IServiceCollection services, string name)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        services.AddSingleton(provider => provider.GetRequiredService<RedisMapFactory>().Create<TKey, TValue>(name));
        services.AddSingleton<IConcurrentMap<TKey, TValue>>(provider => provider.GetRequiredService<RedisMap<TKey, TValue>>());
        return services;
    }
}
