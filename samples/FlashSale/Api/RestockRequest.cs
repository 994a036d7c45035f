namespace FlashSale.Api;

/// <summary>The body of <c>POST /admin/restock</c>: <c>{"sku": "sku-1", "quantity": 100}</c>.</summary>
/// <param name="Sku">The SKU to restock; a new SKU is created.</param>
/// <param name="Quantity">The units to add, 1 to <see cref="MaxQuantity"/>.</param>
internal sealed record RestockRequest(string? Sku, int? Quantity)
{
    /// <summary>The most units one restock adds: a mistyped or hostile quantity cannot flood the stock in one request.</summary>
    public const int MaxQuantity = 1_000_000;
}
