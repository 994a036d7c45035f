namespace FlashSale.Api;

/// <summary>The body of <c>POST /orders</c>: <c>{"sku": "sku-1", "quantity": 1}</c>.</summary>
/// <param name="Sku">The SKU to buy.</param>
/// <param name="Quantity">The units to buy, at least 1.</param>
internal sealed record OrderRequest(string? Sku, int? Quantity);
