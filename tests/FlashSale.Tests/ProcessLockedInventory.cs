using FlashSale.Stock;
using MapGuard;

namespace FlashSale.Tests;

/// <summary>
/// A deliberately broken inventory for a shared store: it serialises each order's read, check and write with a lock
/// in this process. That is correct for one instance, and wrong for two: the lock cannot see the other instance, so two
/// instances that read the same stock both write it down and sell one unit twice. The across-instances test runs it
/// through the same checks as the real inventory, to prove those checks catch an oversell between instances.
/// </summary>
internal sealed class ProcessLockedInventory(IConcurrentMap<string, int> map) : IInventory
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IAsyncConcurrentMap<string, int> _stock = map.AsAsync();

    public async ValueTask<OrderResult> OrderAsync(string sku, int quantity, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            MapLookup<int> stock = await _stock.TryGetValueAsync(sku, cancellationToken);
            if (!stock.Found)
            {
                return new OrderResult(OrderStatus.UnknownSku, 0);
            }

            int available = stock.Value;
            if (available < quantity)
            {
                return new OrderResult(OrderStatus.OutOfStock, available);
            }

            // The bug: the lock keeps this instance's orders apart, but the other instance may have read the same
            // stock and be about to write the same new value. The delay only widens the window, so that a bounded
            // test sees the race every time rather than most times.
            await Task.Delay(1, cancellationToken);
            await _stock.SetAsync(sku, available - quantity, cancellationToken);
            return new OrderResult(OrderStatus.Accepted, available - quantity);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<RestockResult> RestockAsync(string sku, int quantity, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            MapLookup<int> stock = await _stock.TryGetValueAsync(sku, cancellationToken);
            await _stock.SetAsync(sku, stock.Value + quantity, cancellationToken);
            return new RestockResult(RestockStatus.Restocked, stock.Value + quantity);
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask<bool> TrySeedAsync(string sku, int quantity, CancellationToken cancellationToken) => _stock.TryAddAsync(sku, quantity, cancellationToken);

    public async ValueTask<int?> GetStockAsync(string sku, CancellationToken cancellationToken)
    {
        MapLookup<int> stock = await _stock.TryGetValueAsync(sku, cancellationToken);
        return stock.Found ? stock.Value : null;
    }
}
