namespace FlashSale.Hosting;

/// <summary>The service's log messages (source-generated, so a disabled level costs nothing).</summary>
internal static partial class FlashSaleLog
{
    /// <summary>Logs where the service listens and what it holds.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="count">The seeded SKUs.</param>
    /// <param name="map">The stock map's name.</param>
    /// <param name="store">Where the stock lives: <c>memory</c>, <c>redis://HOST:PORT</c> or <c>rediss://HOST:PORT</c>.</param>
    /// <param name="urls">The addresses listened on.</param>
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "FlashSale: {Count} SKU(s) in map '{Map}' (store: {Store}); POST /orders, GET /stock/{{sku}}, POST /admin/restock, GET /metrics on {Urls}")]
    public static partial void Started(ILogger logger, int count, string map, string store, string urls);

    /// <summary>Warns that no admin key is set, so the admin endpoints refuse every request.</summary>
    /// <param name="logger">The logger.</param>
    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "FlashSale:AdminApiKey is not set: POST /admin/restock answers 403 to every request. Set it (environment FlashSale__AdminApiKey, at least 16 random characters) to restock over HTTP.")]
    public static partial void AdminKeyMissing(ILogger logger);

    /// <summary>Warns that the service listens on addresses other machines may reach.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="addresses">The addresses beyond loopback.</param>
    /// <param name="allowedHosts">The <c>AllowedHosts</c> setting.</param>
    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "FlashSale listens beyond loopback on {Addresses}: anyone who can reach it can order. Keep FlashSale:AdminApiKey secret, and set AllowedHosts (now '{AllowedHosts}') to the host names clients use; other Host headers get 400.")]
    public static partial void ListeningBeyondLoopback(ILogger logger, string addresses, string allowedHosts);
}
