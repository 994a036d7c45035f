using FlashSale.Stock;
using MapGuard;

namespace FlashSale.Tests;

/// <summary>
/// A deliberately broken inventory for a shared store: it serialises each order's read, check and write with a lock
/// in this process. That is correct for one instance, and wrong for two: the lock cannot see the other instance, so two
/// instances that read the same stock both write it down and sell one unit twice. The across-instances test runs it
/// through the same checks as the real inventory, to prove those checks catch an oversell between instances.
/// </summary>
internal sealed class ProcessLockedInventory(IConcurrentMap<string, int> stock) : IInventory
{
    private readonly Lock _gate = new();

    public OrderResult Order(string sku, int quantity)
    {
        lock (_gate)
        {
            if (!stock.TryGetValue(sku, out int available))
            {
                return new OrderResult(OrderStatus.UnknownSku, 0);
            }

            if (available < quantity)
            {
                return new OrderResult(OrderStatus.OutOfStock, available);
            }

            // The bug: the lock keeps this instance's orders apart, but the other instance may have read the same
            // stock and be about to write the same new value. The sleep only widens the window, so that a bounded
            // test sees the race every time rather than most times.
            Thread.Sleep(1);
            stock[sku] = available - quantity;
            return new OrderResult(OrderStatus.Accepted, available - quantity);
        }
    }

    public RestockResult Restock(string sku, int quantity)
    {
        lock (_gate)
        {
            stock.TryGetValue(sku, out int available);
            stock[sku] = available + quantity;
            return new RestockResult(true, available + quantity);
        }
    }

    public bool TrySeed(string sku, int quantity) => stock.TryAdd(sku, quantity);

    public bool TryGetStock(string sku, out int available) => stock.TryGetValue(sku, out available);
}
