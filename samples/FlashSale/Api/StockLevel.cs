namespace FlashSale.Api;

/// <summary>The body of <c>GET /stock/{sku}</c> and of a successful restock.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Available">The units in stock.</param>
internal sealed record StockLevel(string Sku, int Available);
