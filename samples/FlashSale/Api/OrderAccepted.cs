namespace FlashSale.Api;

/// <summary>The body of an accepted order (200).</summary>
/// <param name="Sku">The SKU bought.</param>
/// <param name="Quantity">The units bought.</param>
/// <param name="Remaining">The stock this order left. Each accepted order of one SKU sees a different value.</param>
internal sealed record OrderAccepted(string Sku, int Quantity, int Remaining);
