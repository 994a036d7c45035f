namespace FlashSale.Stock;

/// <summary>The outcome of <see cref="IInventory.OrderAsync"/>.</summary>
/// <param name="Status">How the order ended.</param>
/// <param name="Available">
/// After <see cref="OrderStatus.Accepted"/>, the stock the order left; after <see cref="OrderStatus.OutOfStock"/>, the
/// stock the order saw; otherwise 0.
/// </param>
internal readonly record struct OrderResult(OrderStatus Status, int Available);
