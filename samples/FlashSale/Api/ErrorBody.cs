using System.Globalization;

namespace FlashSale.Api;

/// <summary>
/// The body of every error response the endpoints make (400, 401, 403, 404, 409, 413, 415, 500, 503):
/// <c>{"error": "out of stock", "sku": "sku-1", "requested": 1, "available": 0}</c>. Fields that do not apply are left
/// out. The 400 for a <c>Host</c> outside <c>AllowedHosts</c> is ASP.NET Core host filtering's, not one of these.
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

    /// <summary>The <see cref="Error"/> of a 400 for a restock of more than <see cref="RestockRequest.MaxQuantity"/> units.</summary>
    public static readonly string RestockTooLarge =
        string.Create(CultureInfo.InvariantCulture, $"quantity must be at most {RestockRequest.MaxQuantity:N0} per restock");

    /// <summary>The <see cref="Error"/> of a 401 for an admin request without the admin key.</summary>
    public const string AdminKeyRequired = "admin requests need the header Authorization: Bearer <FlashSale:AdminApiKey>";

    /// <summary>The <see cref="Error"/> of a 403 for any admin request when no admin key is configured.</summary>
    public const string AdminOff = "the admin endpoints are off: FlashSale:AdminApiKey is not set on this service";

    /// <summary>The <see cref="Error"/> of a 415 for a POST whose body is not declared as JSON.</summary>
    public const string NotJson = "the body must be JSON sent with Content-Type: application/json";

    /// <summary>The <see cref="Error"/> of a 503 when the stock store could not be reached and nothing changed.</summary>
    public const string StoreUnavailable = "the stock store is unavailable; nothing changed, try again";

    /// <summary>The <see cref="Error"/> of a 409 for a restock that would create a SKU beyond <see cref="Hosting.FlashSaleOptions.MaxSkus"/>.</summary>
    public const string TooManySkus = "the store already holds the most SKUs allowed (FlashSale:MaxSkus); no new SKU can be created";

    /// <summary>The <see cref="Error"/> of a 409 for an order that would take a customer past <see cref="Hosting.FlashSaleOptions.MaxUnitsPerCustomer"/>.</summary>
    public const string CustomerLimit = "this order would take the customer past the most units of this SKU one customer may buy (FlashSale:MaxUnitsPerCustomer)";

    /// <summary>The <see cref="Error"/> of a 400 for an order without a customer when the per-customer limit is on.</summary>
    public const string CustomerRequired = "customer is required (FlashSale:MaxUnitsPerCustomer is set): 1 to 64 characters: letters, digits, '-', '_' or '.'";

    /// <summary>The <see cref="Error"/> of a 400 for a malformed <c>Idempotency-Key</c> header.</summary>
    public const string BadIdempotencyKey = "Idempotency-Key must be one value of 1 to 64 characters: letters, digits, '-', '_' or '.'";

    /// <summary>The <see cref="Error"/> of a 409 for an order whose idempotency key another request is still running.</summary>
    public const string OrderInProgress = "an order with this Idempotency-Key is still in progress; retry shortly for its answer";

    /// <summary>The <see cref="Error"/> of a 413 for a body larger than <see cref="FlashSaleEndpoints.MaxBodyBytes"/>.</summary>
    public static readonly string BodyTooLarge =
        string.Create(CultureInfo.InvariantCulture, $"the body must be at most {FlashSaleEndpoints.MaxBodyBytes:N0} bytes");

    /// <summary>The <see cref="Error"/> of a 500 when the store holds a SKU's stock in a form that is not a plain integer.</summary>
    public const string StockRecordCorrupt = "the stock store holds this SKU's stock in a form that is not a canonical integer (written by something else); nothing changed, an operator must fix it";

    /// <summary>The <see cref="Error"/> of a 503 when a write reached the stock store but its answer did not come back.</summary>
    public const string StoreOutcomeUnknown = "the stock store did not answer; the change may or may not have been made";
}
