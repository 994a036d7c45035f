using MapGuard;

namespace FlashSale.Stock;

/// <summary>
/// What FlashSale remembers about orders beyond the stock: the answer given to each idempotency key, so that a retried
/// order is answered again instead of selling twice; and the units each customer has bought of each SKU, for the
/// per-customer limit. Both live in maps beside the stock: in this process, or on the shared Redis store (the hashes
/// <c>mapguard:{stock-orders}</c> and <c>mapguard:{stock-customers}</c> by default), so every instance sees them.
/// </summary>
internal sealed class OrderLedger
{
    /*
     * Concurrency: an idempotency key is claimed with TryAddAsync (HSETNX): of any number of requests with one key, in
     *   any instances, exactly one claims it and runs the order; the others read the claim. The claim holds Pending
     *   until the order's answer is stored over it (SetAsync), then "status|body". A customer's units are one counter per
     *   (customer, SKU), reserved with AddWithinAsync(+units, 0, limit) before the stock is taken (one step on the
     *   server: two racing orders cannot both pass the limit) and given back when the stock refuses the order.
     * Failure: an order that failed with nothing changed releases its claim, so a retry runs it; one whose outcome is
     *   unknown stores a 503 saying so, so a retry does not buy a second time.
     * Retention: entries are never expired (Redis 7.0 hashes have no per-field TTL); the ledger grows by one field per
     *   keyed order and per (customer, SKU). Clear it between sales.
     */

    /// <summary>The value of a claimed key whose order has not answered yet.</summary>
    private const string Pending = "";

    private readonly IAsyncConcurrentMap<string, string> _answers;
    private readonly IAsyncCounterMap<string> _purchases;

    /// <summary>Creates a ledger over two maps.</summary>
    /// <param name="answers">Idempotency key to stored answer.</param>
    /// <param name="purchases">"customer/SKU" to units bought.</param>
    public OrderLedger(IConcurrentMap<string, string> answers, IConcurrentMap<string, int> purchases)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(purchases);
        _answers = answers.AsAsync();
        _purchases = purchases.AsAsyncCounter();
    }

    /// <summary>Creates a ledger in this process.</summary>
    public OrderLedger()
        : this(new ShardedMap<string, string>(StringComparer.Ordinal), new ShardedMap<string, int>(StringComparer.Ordinal))
    {
    }

    /// <summary>Claims <paramref name="key"/> for this request, or reads the answer stored for it.</summary>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">Stops waiting for the store.</param>
    /// <returns>Claimed: this request runs the order. Otherwise the stored status and body, or a null body while the
    /// request that claimed the key is still running.</returns>
    public async ValueTask<(bool Claimed, int Status, string? Body)> ClaimAsync(string key, CancellationToken cancellationToken)
    {
        if (await _answers.TryAddAsync(key, Pending, cancellationToken).ConfigureAwait(false))
        {
            return (true, 0, null);
        }

        MapLookup<string> stored = await _answers.TryGetValueAsync(key, cancellationToken).ConfigureAwait(false);
        if (!stored.Found || stored.Value.Length == 0)
        {
            return (false, 0, null); // pending (or released a moment ago: the client may retry)
        }

        int bar = stored.Value.IndexOf('|', StringComparison.Ordinal);
        return (false, int.Parse(stored.Value.AsSpan(0, bar), System.Globalization.CultureInfo.InvariantCulture), stored.Value[(bar + 1)..]);
    }

    /// <summary>Stores the answer of the order that claimed <paramref name="key"/>.</summary>
    public ValueTask CompleteAsync(string key, int status, string body, CancellationToken cancellationToken) =>
        _answers.SetAsync(key, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{status}|{body}"), cancellationToken);

    /// <summary>Forgets the claim of an order that changed nothing, so that a retry runs it.</summary>
    public async ValueTask ReleaseAsync(string key, CancellationToken cancellationToken) =>
        await _answers.TryRemoveAsync(key, cancellationToken).ConfigureAwait(false);

    /// <summary>Counts <paramref name="quantity"/> more units of <paramref name="sku"/> for <paramref name="customer"/> if that stays within <paramref name="limit"/>.</summary>
    /// <returns>Whether they fit; when not, nothing changed.</returns>
    public async ValueTask<bool> TryReserveAsync(string customer, string sku, int quantity, int limit, CancellationToken cancellationToken) =>
        (await _purchases.AddWithinAsync(PurchaseKey(customer, sku), quantity, 0, limit, createIfMissing: true, cancellationToken).ConfigureAwait(false)).Outcome == CounterOutcome.Applied;

    /// <summary>Gives back units reserved for an order the stock refused.</summary>
    public async ValueTask UnreserveAsync(string customer, string sku, int quantity, CancellationToken cancellationToken) =>
        await _purchases.AddWithinAsync(PurchaseKey(customer, sku), -quantity, 0, int.MaxValue, createIfMissing: false, cancellationToken).ConfigureAwait(false);

    // A SKU cannot contain '/' (Skus.IsValid), so customer/SKU pairs never collide.
    private static string PurchaseKey(string customer, string sku) => customer + "/" + sku;
}
