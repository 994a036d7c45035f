namespace FlashSale.Hosting;

/// <summary>The service's log messages (source-generated, so a disabled level costs nothing).</summary>
internal static partial class FlashSaleLog
{
    /// <summary>Logs where the service listens and what it holds.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="count">The seeded SKUs.</param>
    /// <param name="map">The stock map's name.</param>
    /// <param name="store">Where the stock lives: <c>memory</c> or <c>redis://HOST:PORT</c>.</param>
    /// <param name="urls">The addresses listened on.</param>
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "FlashSale: {Count} SKU(s) in map '{Map}' (store: {Store}); POST /orders, GET /stock/{{sku}}, POST /admin/restock, GET /metrics on {Urls}")]
    public static partial void Started(ILogger logger, int count, string map, string store, string urls);
}
