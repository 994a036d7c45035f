using MapGuard;

namespace FlashSale.Stock;

/// <summary>
/// The inventory on a MapGuard map: SKU to units in stock. By default the map is a <see cref="ShardedMap{TKey, TValue}"/>
/// of <see cref="ShardCount"/> shards in this process, named for its metrics; with <c>--store redis://HOST:PORT</c> it is
/// a <c>RedisMap</c> on a server that every instance shares (see <see cref="StockStore"/>). The order and restock loops
/// are the same code for both.
/// </summary>
internal sealed class MapGuardInventory : IInventory, IDisposable
{
    /*
     * Concurrency: the map is the only state. An order reads a SKU's stock and then replaces exactly that value with
     * TryUpdate, the map's compare-and-swap; if another order or a restock changed the stock in between, the CAS fails
     * and the order reads again. So every accepted order takes its units from the stock it saw, and no two orders take
     * the same unit: units sold = units stocked - units left, always (no oversell). ABA is harmless here: if the stock
     * went 5 -> 4 -> 5 between our read and our CAS, replacing 5 with 5 - quantity is still exactly right, because
     * the value is a count, not an identity.
     * Across instances: with a RedisMap the CAS is RedisMap's TryUpdate, a Lua script that compares and sets in one
     * step on the server (docs/design/redis-map.md), so the same loop is oversell-free between processes: a CAS fails
     * whenever any instance changed the stock since our read. A lock in this process would not be: it cannot see the
     * other instances (tests/FlashSale.Tests/ProcessLockedInventory.cs shows that oversell).
     * Seeding: TrySeed is TryAdd, set-if-absent (HSETNX on Redis), so the instances that start after the first one
     * leave the shared stock as they find it instead of adding their seed to it again.
     * Memory ordering: the map's TryUpdate is linearizable (ShardedMap takes the shard's lock for it; RedisMap's
     * server runs the script as one step); nothing else is shared.
     * Progress: lock-free at the level of this loop: a CAS fails only because another write to the same SKU
     * succeeded, so some order or restock always completes. A single order can retry while others win. On Redis every
     * read and CAS is a network round trip, and a call that cannot reach the server throws MapUnavailableException.
     * References: the read-check-CAS loop is the classic optimistic update (Herlihy and Shavit, "The Art of
     * Multiprocessor Programming", ch. 5); the seckill service is the seed article's showcase.
     */

    /// <summary>The shard count: the seed article's 128 shards, enough that SKUs rarely share a shard's lock.</summary>
    public const int ShardCount = 128;

    private readonly IConcurrentMap<string, int> _stock;
    private readonly IDisposable? _owned;

    /// <summary>Creates an empty inventory in this process whose map is named <paramref name="mapName"/> in errors and metrics.</summary>
    /// <param name="mapName">The map's name: the <c>map</c> tag of its metrics.</param>
    /// <exception cref="ArgumentException"><paramref name="mapName"/> is null, empty or white space.</exception>
    public MapGuardInventory(string mapName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mapName);
        _stock = MapBuilder.For<string, int>()
            .Named(mapName)
            .UseSharded(ShardCount)
            .WithComparer(StringComparer.Ordinal)
            .WithMetrics()
            .Build();
    }

    /// <summary>
    /// Creates an inventory over <paramref name="stock"/>, which may already hold stock (a map shared with other
    /// instances), and takes ownership of <paramref name="owned"/> (the map's server connection), disposing it with this.
    /// </summary>
    /// <param name="stock">SKU to units; its <c>TryUpdate</c> must be an atomic compare-and-swap.</param>
    /// <param name="owned">Disposed with the inventory, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stock"/> is null.</exception>
    public MapGuardInventory(IConcurrentMap<string, int> stock, IDisposable? owned = null)
    {
        ArgumentNullException.ThrowIfNull(stock);
        _stock = stock;
        _owned = owned;
    }

    /// <inheritdoc/>
    public OrderResult Order(string sku, int quantity)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        while (true)
        {
            if (!_stock.TryGetValue(sku, out int available))
            {
                return new OrderResult(OrderStatus.UnknownSku, 0);
            }

            if (available < quantity)
            {
                return new OrderResult(OrderStatus.OutOfStock, available);
            }

            // LINEARIZATION POINT: the CAS replaces exactly the stock we checked, or fails and we read again.
            if (_stock.TryUpdate(sku, available - quantity, available))
            {
                return new OrderResult(OrderStatus.Accepted, available - quantity);
            }
        }
    }

    /// <inheritdoc/>
    public RestockResult Restock(string sku, int quantity)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        while (true)
        {
            if (!_stock.TryGetValue(sku, out int available))
            {
                // A new SKU: TryAdd loses only to a concurrent restock of the same new SKU, and then we add to its stock.
                if (_stock.TryAdd(sku, quantity))
                {
                    return new RestockResult(true, quantity);
                }

                continue;
            }

            if (available > int.MaxValue - quantity)
            {
                return new RestockResult(false, available);
            }

            if (_stock.TryUpdate(sku, available + quantity, available))
            {
                return new RestockResult(true, available + quantity);
            }
        }
    }

    /// <inheritdoc/>
    public bool TrySeed(string sku, int quantity)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        return _stock.TryAdd(sku, quantity);
    }

    /// <inheritdoc/>
    public bool TryGetStock(string sku, out int available)
    {
        ArgumentNullException.ThrowIfNull(sku);
        return _stock.TryGetValue(sku, out available);
    }

    /// <summary>Disposes the connection this inventory owns, if any; the stock on a shared server stays there.</summary>
    public void Dispose() => _owned?.Dispose();
}
