using System.Globalization;
using FlashSale.Hosting;
using MapGuard.Redis;
using StackExchange.Redis;

namespace FlashSale.Stock;

/// <summary>
/// Where the stock lives, from <c>FlashSale:Store</c> (<c>--store</c> on the command line): <c>memory</c> (the default)
/// keeps it in this process; <c>redis://HOST:PORT</c> (or <c>rediss://HOST:PORT</c> for TLS) keeps it in a
/// <see cref="RedisMap{TKey, TValue}"/> on a Redis or Garnet server, so that every instance pointed at that server sells
/// from one stock.
/// </summary>
internal static class StockStore
{
    /// <summary>The store value for stock in this process: a 128-shard MapGuard map.</summary>
    public const string InProcess = "memory";

    /// <summary>The URI scheme of a Redis or Garnet store over plain TCP.</summary>
    public const string RedisScheme = "redis";

    /// <summary>The URI scheme of a Redis or Garnet store over TLS.</summary>
    public const string RedisTlsScheme = "rediss";

    /// <summary>The port a <c>redis://HOST</c> or <c>rediss://HOST</c> store without one connects to.</summary>
    public const int DefaultRedisPort = 6379;

    /// <summary>
    /// Makes the inventory <paramref name="options"/> ask for: in this process, or over a new connection to the server
    /// of a <c>redis://</c> or <c>rediss://</c> store (the inventory owns and disposes that connection). The Redis map is
    /// named <see cref="FlashSaleOptions.MapName"/>, so its entries are the hash <c>mapguard:{stock}</c> by default.
    /// </summary>
    /// <param name="options">The service's options.</param>
    /// <returns>The inventory, empty or holding what the shared store already holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The store is neither <c>memory</c> nor a valid
    /// <c>redis://HOST:PORT</c> or <c>rediss://HOST:PORT</c>, or <see cref="FlashSaleOptions.StoreCaCertificate"/> is set
    /// without TLS or names a file that holds no certificate.</exception>
    public static MapGuardInventory Create(FlashSaleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RedisStore? store = ParseRedis(options.Store);
        if (store is null)
        {
            CheckNoCaWithoutTls(options);
            return new MapGuardInventory(options.MapName, options.MaxSkus);
        }

        var mapOptions = new RedisMapOptions();
        // abortConnect=false (RedisMapConnection): a server that is down, or whose certificate does not validate, makes
        // the first call fail within the timeout with MapUnavailableException, rather than this constructor.
        ConnectionMultiplexer connection = ConnectionMultiplexer.Connect(CreateConfiguration(store, options, mapOptions));
        try
        {
            IDatabase database = connection.GetDatabase();
            var stock = new RedisMap<string, int>(database, options.MapName, mapOptions, StringComparer.Ordinal);
            var ledger = new OrderLedger(
                new RedisMap<string, string>(database, options.MapName + "-orders", mapOptions, StringComparer.Ordinal),
                new RedisMap<string, int>(database, options.MapName + "-customers", mapOptions, StringComparer.Ordinal));
            return new MapGuardInventory(stock, connection, options.MaxSkus, ledger);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The client settings for <paramref name="store"/>: <see cref="RedisMapConnection.CreateConfiguration"/>'s timeouts,
    /// TLS for <c>rediss://</c> (the certificate validated against the system roots, or against
    /// <see cref="FlashSaleOptions.StoreCaCertificate"/> when set), and the credentials from configuration
    /// (<see cref="FlashSaleOptions.StoreUser"/>, <see cref="FlashSaleOptions.StorePassword"/>), never from the logged URL.
    /// </summary>
    /// <param name="store">The parsed store.</param>
    /// <param name="options">The service's options.</param>
    /// <param name="mapOptions">The map options whose timeout to apply.</param>
    /// <returns>The settings to connect with.</returns>
    /// <exception cref="InvalidOperationException">A CA file is set without TLS, or it holds no certificate.</exception>
    public static ConfigurationOptions CreateConfiguration(RedisStore store, FlashSaleOptions options, RedisMapOptions mapOptions)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ConfigurationOptions configuration = RedisMapConnection.CreateConfiguration(store.Endpoint, mapOptions);
        if (store.UsesTls)
        {
            string? ca = string.IsNullOrWhiteSpace(options.StoreCaCertificate) ? null : options.StoreCaCertificate;
            try
            {
                RedisMapConnection.UseTls(configuration, ca);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidOperationException($"FlashSale:StoreCaCertificate: {ex.Message}", ex);
            }
        }
        else
        {
            CheckNoCaWithoutTls(options);
        }

        configuration.User = string.IsNullOrEmpty(options.StoreUser) ? null : options.StoreUser;
        configuration.Password = string.IsNullOrEmpty(options.StorePassword) ? null : options.StorePassword;
        return configuration;
    }

    /// <summary>
    /// The Redis store a <c>redis://HOST[:PORT]</c> or <c>rediss://HOST[:PORT]</c> setting names, or null for the
    /// in-process store (<c>memory</c>, or nothing set).
    /// </summary>
    /// <param name="store">The <c>FlashSale:Store</c> setting.</param>
    /// <returns>The endpoint and whether it uses TLS, or null.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="store"/> is neither.</exception>
    public static RedisStore? ParseRedis(string? store)
    {
        if (string.IsNullOrWhiteSpace(store) || string.Equals(store, InProcess, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!Uri.TryCreate(store, UriKind.Absolute, out Uri? uri)
            || !(string.Equals(uri.Scheme, RedisScheme, StringComparison.OrdinalIgnoreCase) || string.Equals(uri.Scheme, RedisTlsScheme, StringComparison.OrdinalIgnoreCase))
            || uri.Host.Length == 0
            || uri.UserInfo.Length > 0
            || uri.AbsolutePath is not ("" or "/")
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"FlashSale:Store = '{Describe(store)}': expected '{InProcess}' (the default: stock in this process), redis://HOST:PORT or rediss://HOST:PORT for TLS " +
                $"(stock in a Redis or Garnet server shared by every instance; the port defaults to {DefaultRedisPort}; no user, path or query: set credentials with FlashSale:StoreUser and FlashSale:StorePassword, a private CA with FlashSale:StoreCaCertificate)."));
        }

        int port = uri.Port < 0 ? DefaultRedisPort : uri.Port;
        bool tls = string.Equals(uri.Scheme, RedisTlsScheme, StringComparison.OrdinalIgnoreCase);
        return new RedisStore(string.Create(CultureInfo.InvariantCulture, $"{uri.Host}:{port}"), tls);
    }

    /// <summary>
    /// The <c>FlashSale:Store</c> setting fit for a message or a log: a URL's user and password
    /// (<c>redis://user:password@host</c>) become <c>*****</c>, and so does a <c>password=</c> option of a
    /// StackExchange.Redis configuration string.
    /// </summary>
    /// <param name="store">The setting, or null.</param>
    /// <returns>The setting without credentials; <see cref="InProcess"/> for null.</returns>
    public static string Describe(string? store)
    {
        if (store is null)
        {
            return InProcess;
        }

        // Everything between "://" and the last '@' is user information. A malformed URL may hide '/' or '?' in its
        // password, so this does not stop at them: it may hide part of a path too, never show part of a password.
        int scheme = store.IndexOf("://", StringComparison.Ordinal);
        int at = store.LastIndexOf('@');
        string withoutUser = scheme >= 0 && at > scheme + 3
            ? string.Concat(store.AsSpan(0, scheme + 3), "*****", store.AsSpan(at))
            : store;
        return RedisMapConnection.Redact(withoutUser);
    }

    // A CA file with a plain redis:// store would be silently unused: the operator meant TLS and would not get it.
    private static void CheckNoCaWithoutTls(FlashSaleOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.StoreCaCertificate))
        {
            throw new InvalidOperationException(
                $"FlashSale:StoreCaCertificate is set but FlashSale:Store = '{Describe(options.Store)}' does not use TLS: use rediss://HOST:PORT, or unset the CA file.");
        }
    }
}
