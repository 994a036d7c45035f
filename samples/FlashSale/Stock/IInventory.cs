namespace FlashSale.Stock;

/// <summary>Stock per SKU: what the HTTP endpoints order from, restock and read.</summary>
/// <remarks>Every member is safe to call from any number of threads at once.</remarks>
internal interface IInventory
{
    /// <summary>Takes <paramref name="quantity"/> units of <paramref name="sku"/> if that many are in stock, atomically.</summary>
    /// <param name="sku">A SKU.</param>
    /// <param name="quantity">The units wanted, at least 1.</param>
    /// <returns>Whether the order was accepted, and the stock left (or the stock there was, when it was not).</returns>
    OrderResult Order(string sku, int quantity);

    /// <summary>Adds <paramref name="quantity"/> units to <paramref name="sku"/>, creating the SKU when it is new.</summary>
    /// <param name="sku">A SKU.</param>
    /// <param name="quantity">The units added, at least 1.</param>
    /// <returns>Whether the units were added, and the stock after (or before, when they were not).</returns>
    RestockResult Restock(string sku, int quantity);

    /// <summary>
    /// Creates <paramref name="sku"/> with <paramref name="quantity"/> units if it does not exist yet, atomically; if it
    /// does (another instance sharing the store seeded it first, or this one before a restart), changes nothing.
    /// </summary>
    /// <param name="sku">A SKU.</param>
    /// <param name="quantity">The units it starts with, at least 1.</param>
    /// <returns>True when this call created the SKU; false when it existed already.</returns>
    bool TrySeed(string sku, int quantity);

    /// <summary>Reads the stock of <paramref name="sku"/>.</summary>
    /// <param name="sku">A SKU.</param>
    /// <param name="available">The units in stock, when the SKU exists.</param>
    /// <returns>Whether the SKU exists.</returns>
    bool TryGetStock(string sku, out int available);
}
