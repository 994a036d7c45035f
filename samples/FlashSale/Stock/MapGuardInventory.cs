using MapGuard;

namespace FlashSale.Stock;

/// <summary>
/// The inventory on a MapGuard map: SKU to units in stock. By default the map is a <see cref="ShardedMap{TKey, TValue}"/>
/// of <see cref="ShardCount"/> shards in this process, named for its metrics; with <c>--store redis://HOST:PORT</c> it is
/// a <c>RedisMap</c> on a server that every instance shares (see <see cref="StockStore"/>). Orders and restocks are the
/// same code for both: one bounded add (<see cref="IAsyncCounterMap{TKey}.AddWithinAsync"/>).
/// </summary>
internal sealed class MapGuardInventory : IInventory, IDisposable
{
    /*
     * Concurrency: the map is the only state. An order is AddWithinAsync(sku, -quantity, 0, int.MaxValue): take the
     * units if at least that many are left, else change nothing, in one atomic step. On a RedisMap that step is one Lua
     * script on the server (read, check, HINCRBY), so it is one round trip whatever the contention and oversell-free
     * between instances; a lock in this process would not be (tests/FlashSale.Tests/ProcessLockedInventory.cs shows
     * that oversell). In process, the map is wrapped by AsyncMap.AsAsyncCounter: a TryGetValue/TryUpdate
     * compare-and-set loop on the sharded map that completes synchronously.
     * Seeding: TrySeedAsync is TryAddAsync, set-if-absent (HSETNX on Redis), so the instances that start after the
     * first leave the shared stock as they find it instead of adding their seed to it again.
     * SKU cap: a restock of a SKU the store does not hold first counts the SKUs (HLEN on Redis) and refuses at the cap (FlashSaleOptions.MaxSkus).
     * The count and the create are two steps, so restocks of distinct new SKUs racing at the cap can pass it by at most
     * the number of such restocks in flight; restocks are admin-only.
     * Memory ordering: the maps' operations are linearizable; nothing else is shared.
     * Progress: on Redis every call is one awaited round trip, never a retry loop; in process, the CAS loop is
     * lock-free and checks the request's token before each attempt.
     * References: the flash-sale ("seckill") inventory service, a classic contended-counter workload; Redis's EVAL
     * documentation for script atomicity.
     */

    /// <summary>The shard count: 128 shards, enough that SKUs rarely share a shard's lock.</summary>
    public const int ShardCount = 128;

    /// <summary>The default of <see cref="Hosting.FlashSaleOptions.MaxSkus"/>: far more SKUs than a flash sale has.</summary>
    public const int DefaultMaxSkus = 10_000;

    private readonly IAsyncConcurrentMap<string, int> _stock;
    private readonly IAsyncCounterMap<string> _counters;
    private readonly IDisposable? _owned;
    private readonly int _maxSkus;

    /// <summary>Creates an empty inventory in this process whose map is named <paramref name="mapName"/> in errors and metrics.</summary>
    /// <param name="mapName">The map's name: the <c>map</c> tag of its metrics.</param>
    /// <param name="maxSkus">The most SKUs a restock may create.</param>
    /// <exception cref="ArgumentException"><paramref name="mapName"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSkus"/> is less than 1.</exception>
    public MapGuardInventory(string mapName, int maxSkus = DefaultMaxSkus)
        : this(BuildInProcess(mapName), owned: null, maxSkus)
    {
    }

    /// <summary>
    /// Creates an inventory over <paramref name="stock"/>, which may already hold stock (a map shared with other
    /// instances), and takes ownership of <paramref name="owned"/> (the map's server connection), disposing it with this.
    /// </summary>
    /// <param name="stock">SKU to units: a RedisMap (used asynchronously, with its server-side add) or an in-process map.</param>
    /// <param name="owned">Disposed with the inventory, or null.</param>
    /// <param name="maxSkus">The most SKUs a restock may create.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stock"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSkus"/> is less than 1.</exception>
    /// <param name="ledger">The idempotency answers and customer counts beside this stock; null for a ledger in this process.</param>
    public MapGuardInventory(IConcurrentMap<string, int> stock, IDisposable? owned = null, int maxSkus = DefaultMaxSkus, OrderLedger? ledger = null)
    {
        Ledger = ledger ?? new OrderLedger();
        ArgumentNullException.ThrowIfNull(stock);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSkus);
        _maxSkus = maxSkus;
        _stock = stock.AsAsync();
        _counters = stock.AsAsyncCounter();
        _owned = owned;
    }

    /// <summary>Gets the ledger kept beside this stock (on the same store).</summary>
    public OrderLedger Ledger { get; }

    /// <inheritdoc/>
    public async ValueTask<OrderResult> OrderAsync(string sku, int quantity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);

        // LINEARIZATION POINT: the bounded add (one script on Redis) takes exactly the units it checked.
        CounterUpdate update = await _counters.AddWithinAsync(sku, -quantity, 0, int.MaxValue, createIfMissing: false, cancellationToken).ConfigureAwait(false);
        return update.Outcome switch
        {
            CounterOutcome.Applied => new OrderResult(OrderStatus.Accepted, (int)update.Value),
            CounterOutcome.OutOfRange => new OrderResult(OrderStatus.OutOfStock, (int)update.Value),
            _ => new OrderResult(OrderStatus.UnknownSku, 0),
        };
    }

    /// <inheritdoc/>
    public async ValueTask<RestockResult> RestockAsync(string sku, int quantity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        CounterUpdate update = await _counters.AddWithinAsync(sku, quantity, 0, int.MaxValue, createIfMissing: false, cancellationToken).ConfigureAwait(false);
        if (update.Outcome == CounterOutcome.Missing)
        {
            if (await _stock.CountAsync(cancellationToken).ConfigureAwait(false) >= _maxSkus)
            {
                return new RestockResult(RestockStatus.TooManySkus, 0);
            }

            update = await _counters.AddWithinAsync(sku, quantity, 0, int.MaxValue, createIfMissing: true, cancellationToken).ConfigureAwait(false);
        }

        return update.Outcome == CounterOutcome.Applied
            ? new RestockResult(RestockStatus.Restocked, (int)update.Value)
            : new RestockResult(RestockStatus.Overflow, (int)update.Value);
    }

    /// <inheritdoc/>
    public ValueTask<bool> TrySeedAsync(string sku, int quantity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        return _stock.TryAddAsync(sku, quantity, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<int?> GetStockAsync(string sku, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sku);
        MapLookup<int> lookup = await _stock.TryGetValueAsync(sku, cancellationToken).ConfigureAwait(false);
        return lookup.Found ? lookup.Value : null;
    }

    private static IConcurrentMap<string, int> BuildInProcess(string mapName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mapName);
        return MapBuilder.For<string, int>()
            .Named(mapName)
            .UseSharded(ShardCount)
            .WithComparer(StringComparer.Ordinal)
            .WithMetrics()
            .Build();
    }

    /// <summary>Disposes the connection this inventory owns, if any; the stock on a shared server stays there.</summary>
    public void Dispose() => _owned?.Dispose();
}
