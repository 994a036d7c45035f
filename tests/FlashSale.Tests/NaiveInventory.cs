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

    public async ValueTask<OrderResult> OrderAsync(string sku, int quantity, CancellationToken cancellationToken)
    {
        if (!_stock.TryGetValue(sku, out int available))
        {
            return new OrderResult(OrderStatus.UnknownSku, 0);
        }

        if (available < quantity)
        {
            return new OrderResult(OrderStatus.OutOfStock, available);
        }

        // The bug: nothing stops another order from reading the same stock here. The delay only widens the window,
        // so that a bounded test sees the race every time rather than most times.
        await Task.Delay(1, cancellationToken);
        _stock[sku] = available - quantity;
        return new OrderResult(OrderStatus.Accepted, available - quantity);
    }

    public ValueTask<RestockResult> RestockAsync(string sku, int quantity, CancellationToken cancellationToken)
    {
        _stock.TryGetValue(sku, out int available);
        _stock[sku] = available + quantity;
        return new(new RestockResult(RestockStatus.Restocked, available + quantity));
    }

    public ValueTask<bool> TrySeedAsync(string sku, int quantity, CancellationToken cancellationToken) => new(_stock.TryAdd(sku, quantity));

    public ValueTask<int?> GetStockAsync(string sku, CancellationToken cancellationToken) =>
        new(_stock.TryGetValue(sku, out int available) ? available : null);
}
