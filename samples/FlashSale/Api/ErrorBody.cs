namespace FlashSale.Api;

/// <summary>
/// The body of every error response (400, 404, 409, 503): <c>{"error": "out of stock", "sku": "sku-1", "requested": 1,
/// "available": 0}</c>. Fields that do not apply are left out.
/// </summary>
/// <param name="Error">What went wrong, for a person to read.</param>
/// <param name="Sku">The SKU the request named, when it named one.</param>
/// <param name="Requested">The quantity the request asked for, when it gave one.</param>
/// <param name="Available">The stock the request saw, when it got that far.</param>
internal sealed record ErrorBody(string Error, string? Sku = null, int? Requested = null, int? Available = null)
{
    /// <summary>The <see cref="Error"/> of a 409 for an order larger than the stock.</summary>
    public const string OutOfStock = "out of stock";

    /// <summary>The <see cref="Error"/> of a 404 for a SKU that does not exist.</summary>
    public const string UnknownSku = "unknown sku";

    /// <summary>The <see cref="Error"/> of a 409 for a restock that would pass <see cref="int.MaxValue"/> units.</summary>
    public const string StockOverflow = "restock would take the stock past 2147483647 units";

    /// <summary>The <see cref="Error"/> of a 503 when the stock store could not be reached and nothing changed.</summary>
    public const string StoreUnavailable = "the stock store is unavailable; nothing changed, try again";

    /// <summary>The <see cref="Error"/> of a 503 when a write reached the stock store but its answer did not come back.</summary>
    public const string StoreOutcomeUnknown = "the stock store did not answer; the change may or may not have been made";
}
