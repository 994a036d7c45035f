using StackExchange.Redis;

namespace MapGuard.Redis;

/// <summary>Client settings under which <see cref="RedisMap{TKey, TValue}"/> fails fast and recovers by itself.</summary>
public static class RedisMapConnection
{
    private const string Hidden = "*****";

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
    /// <exception cref="ArgumentException"><paramref name="configuration"/> does not parse; the message shows it through
    /// <see cref="Redact"/>.</exception>
    public static ConfigurationOptions CreateConfiguration(string configuration, RedisMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException ex)
        {
            // The client's message may quote a value from the string; keep a password out of it.
            throw new ArgumentException(
                $"'{Redact(configuration)}' is not a StackExchange.Redis configuration string: {ScrubPasswords(ex.Message, configuration)}",
                nameof(configuration));
        }

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

    /// <summary>
    /// The configuration string <paramref name="configuration"/> fit for a message or a log: the value of every
    /// <c>password=</c> option, wherever it occurs in the string, is replaced by <c>*****</c>, and the rest is kept as
    /// written. Show this, never the string itself.
    /// </summary>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as
    /// <c>cache.example:6380,ssl=true,password=...</c>.</param>
    /// <returns>The string without its passwords.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
    public static string Redact(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return ScrubPasswords(configuration, configuration);
    }

    // Replaces in `text` every password that `configuration` holds, longest first, so that no password is left
    // half-shown by a shorter one that it contains. StackExchange.Redis splits options at ',' and a key from its value at
    // the first '='; keys are case-insensitive and may have spaces around them.
    private static string ScrubPasswords(string text, string configuration)
    {
        var passwords = new List<string>();
        foreach (string option in configuration.Split(','))
        {
            int equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && equals < option.Length - 1 && option.AsSpan(0, equals).Trim().Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                passwords.Add(option[(equals + 1)..]);
            }
        }

        foreach (string password in passwords.OrderByDescending(p => p.Length))
        {
            text = text.Replace(password, Hidden, StringComparison.Ordinal);
        }

        return text;
    }
}
