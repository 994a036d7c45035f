namespace FlashSale.Stock;

/// <summary>The outcome of <see cref="IInventory.RestockAsync"/>.</summary>
/// <param name="Status">How the restock ended.</param>
/// <param name="Available">The stock after the restock, or the stock seen when it was refused (0 for a refused new SKU).</param>
internal readonly record struct RestockResult(RestockStatus Status, int Available)
{
    /// <summary>Gets whether the units were added.</summary>
    public bool Restocked => Status == RestockStatus.Restocked;
}
