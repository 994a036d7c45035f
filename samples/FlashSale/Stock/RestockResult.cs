namespace FlashSale.Stock;

/// <summary>The outcome of <see cref="IInventory.Restock"/>.</summary>
/// <param name="Restocked">True when the units were added; false when the stock would have passed <see cref="int.MaxValue"/>.</param>
/// <param name="Available">The stock after the restock, or the stock seen when it was refused.</param>
internal readonly record struct RestockResult(bool Restocked, int Available);
