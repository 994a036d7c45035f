using FlashSale.Stock;
using MapGuard;

namespace FlashSale.Tests;

/// <summary>
/// A deliberately broken inventory: it reads the stock, checks it, and writes the new stock with a plain set, so two
/// orders that read the same stock both succeed and sell one unit twice. The tests run it through the same checks as
/// the real inventory to prove those checks catch an oversell.
/// </summary>
internal sealed class NaiveInventory : IInventory
{
    private readonly IConcurrentMap<string, int> _stock = MapBuilder.For<string, int>().UseSharded(128).Build();

    public OrderResult Order(string sku, int quantity)
    {
        if (!_stock.TryGetValue(sku, out int available))
        {
            return new OrderResult(OrderStatus.UnknownSku, 0);
        }

        if (available < quantity)
        {
            return new OrderResult(OrderStatus.OutOfStock, available);
        }

        // The bug: nothing stops another order from reading the same stock here. The sleep only widens the window,
        // so that a bounded test sees the race every time rather than most times.
        Thread.Sleep(1);
        _stock[sku] = available - quantity;
        return new OrderResult(OrderStatus.Accepted, available - quantity);
    }

    public RestockResult Restock(string sku, int quantity)
    {
        _stock.TryGetValue(sku, out int available);
        _stock[sku] = available + quantity;
        return new RestockResult(true, available + quantity);
    }

    public bool TrySeed(string sku, int quantity) => _stock.TryAdd(sku, quantity);

    public bool TryGetStock(string sku, out int available) => _stock.TryGetValue(sku, out available);
}
