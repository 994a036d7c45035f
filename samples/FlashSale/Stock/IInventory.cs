namespace FlashSale.Stock;

/// <summary>Stock per SKU: what the HTTP endpoints order from, restock and read.</summary>
/// <remarks>Every member is safe to call from any number of threads at once, and none blocks a thread on I/O: a shared
/// store is reached asynchronously. A cancelled token stops the wait; see the implementation for whether the change
/// may still be made.</remarks>
internal interface IInventory
{
    /// <summary>Takes <paramref name="quantity"/> units of <paramref name="sku"/> if that many are in stock, atomically.</summary>
    /// <param name="sku">A SKU.</param>
    /// <param name="quantity">The units wanted, at least 1.</param>
    /// <param name="cancellationToken">Stops waiting for the store.</param>
    /// <returns>Whether the order was accepted, and the stock left (or the stock there was, when it was not).</returns>
    ValueTask<OrderResult> OrderAsync(string sku, int quantity, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="quantity"/> units to <paramref name="sku"/>, creating the SKU when it is new.</summary>
    /// <param name="sku">A SKU.</param>
    /// <param name="quantity">The units added, at least 1.</param>
    /// <param name="cancellationToken">Stops waiting for the store.</param>
    /// <returns>Whether the units were added, and the stock after (or before, when they were not).</returns>
    ValueTask<RestockResult> RestockAsync(string sku, int quantity, CancellationToken cancellationToken);

    /// <summary>
    /// Creates <paramref name="sku"/> with <paramref name="quantity"/> units if it does not exist yet, atomically; if it
    /// does (another instance sharing the store seeded it first, or this one before a restart), changes nothing.
    /// </summary>
    /// <param name="sku">A SKU.</param>
    /// <param name="quantity">The units it starts with, at least 1.</param>
    /// <param name="cancellationToken">Stops waiting for the store.</param>
    /// <returns>True when this call created the SKU; false when it existed already.</returns>
    ValueTask<bool> TrySeedAsync(string sku, int quantity, CancellationToken cancellationToken);

    /// <summary>Reads the stock of <paramref name="sku"/>.</summary>
    /// <param name="sku">A SKU.</param>
    /// <param name="cancellationToken">Stops waiting for the store.</param>
    /// <returns>The units in stock, or null when the SKU does not exist.</returns>
    ValueTask<int?> GetStockAsync(string sku, CancellationToken cancellationToken);
}
