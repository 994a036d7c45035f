namespace FlashSale.Api;

/// <summary>The body of <c>POST /admin/restock</c>: <c>{"sku": "sku-1", "quantity": 100}</c>.</summary>
/// <param name="Sku">The SKU to restock; a new SKU is created.</param>
/// <param name="Quantity">The units to add, at least 1.</param>
internal sealed record RestockRequest(string? Sku, int? Quantity);
