namespace FlashSale.Api;

/// <summary>The body of <c>POST /orders</c>: <c>{"sku": "sku-1", "quantity": 1, "customer": "c-42"}</c>.</summary>
/// <param name="Sku">The SKU to buy.</param>
/// <param name="Quantity">The units to buy, at least 1.</param>
/// <param name="Customer">Who buys: required when <c>FlashSale:MaxUnitsPerCustomer</c> is set, else optional.</param>
internal sealed record OrderRequest(string? Sku, int? Quantity, string? Customer = null);
