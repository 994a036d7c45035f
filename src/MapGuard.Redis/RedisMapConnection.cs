using StackExchange.Redis;

namespace MapGuard.Redis;

/// <summary>Client settings under which <see cref="RedisMap{TKey, TValue}"/> fails fast and recovers by itself.</summary>
public static class RedisMapConnection
{
    /// <summary>
    /// Parses <paramref name="configuration"/> (a StackExchange.Redis configuration string such as
    /// <c>127.0.0.1:6379</c>) and applies <paramref name="options"/>: every call times out after
    /// <see cref="RedisMapOptions.OperationTimeout"/>; the first connection may fail without throwing
    /// (<c>abortConnect=false</c>), and reconnection retries quickly (every 100 ms, backing off to 1 s). While the server
    /// is away, calls wait in the client's backlog up to the timeout, so a short blip is invisible and a long one fails
    /// each call with <see cref="MapUnavailableException"/>.
    /// </summary>
    /// <param name="configuration">The configuration string.</param>
    /// <param name="options">The map options whose timeout to apply.</param>
    /// <returns>Options for <see cref="ConnectionMultiplexer.Connect(ConfigurationOptions, TextWriter?)"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="configuration"/> does not parse.</exception>
    public static ConfigurationOptions CreateConfiguration(string configuration, RedisMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        ConfigurationOptions parsed = ConfigurationOptions.Parse(configuration);
        Apply(parsed, options);
        return parsed;
    }

    /// <summary>Applies <paramref name="options"/> to existing client settings, as <see cref="CreateConfiguration"/> does.</summary>
    /// <param name="configuration">The client settings to change.</param>
    /// <param name="options">The map options whose timeout to apply.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Apply(ConfigurationOptions configuration, RedisMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        int timeout = (int)Math.Ceiling(options.OperationTimeout.TotalMilliseconds);
        configuration.SyncTimeout = timeout;
        configuration.AsyncTimeout = timeout;
        configuration.ConnectTimeout = timeout;
        configuration.AbortOnConnectFail = false;
        configuration.ReconnectRetryPolicy = new ExponentialRetry(100, 1000);
        configuration.BacklogPolicy = BacklogPolicy.Default;
    }
}
