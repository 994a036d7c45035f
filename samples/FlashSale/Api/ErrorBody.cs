namespace FlashSale.Api;

/// <summary>
/// The body of every error response (400, 404, 409): <c>{"error": "out of stock", "sku": "sku-1", "requested": 1,
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
}
