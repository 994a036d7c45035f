namespace MapGuard;

/// <summary>
/// The asynchronous counterpart of <see cref="IConcurrentMap{TKey, TValue}"/>, for maps whose operations cross a network
/// (<c>RedisMap</c>): the same operations with the same semantics, each returning a <see cref="ValueTask"/> and taking a
/// <see cref="CancellationToken"/>, so that a caller waiting for a server holds no thread.
/// </summary>
/// <typeparam name="TKey">The key type. Null keys are rejected with <see cref="ArgumentNullException"/>.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <remarks>
/// <para><b>Same contract.</b> Each member behaves as its synchronous namesake on <see cref="IConcurrentMap{TKey, TValue}"/>
/// (consistency, factories that may run more than once, exception safety). An <c>out</c> parameter becomes a
/// <see cref="MapLookup{TValue}"/> result.</para>
/// <para><b>In-process maps</b> take part through <see cref="AsyncMap.AsAsync{TKey, TValue}(IConcurrentMap{TKey, TValue})"/>,
/// which runs each call synchronously and returns a completed <see cref="ValueTask"/>: no allocation per call, and no
/// thread hop.</para>
/// <para><b>Cancellation.</b> A token that is cancelled before a call starts throws
/// <see cref="OperationCanceledException"/> and changes nothing. A token cancelled while a write is on its way to a
/// server stops the wait, not the write: the call throws <see cref="OperationCanceledException"/> and the write may
/// still be applied (the implementation documents which). In-process maps finish every call they start.</para>
/// <para>Enumeration is <see cref="IAsyncEnumerable{T}"/>, weakly consistent as the implementation documents; the
/// enumerator's cancellation token stops it between pages.</para>
/// </remarks>
public interface IAsyncConcurrentMap<TKey, TValue> : IAsyncEnumerable<KeyValuePair<TKey, TValue>>
    where TKey : notnull
{
    /// <summary>Looks up <paramref name="key"/>: the counterpart of <see cref="IConcurrentMap{TKey, TValue}.TryGetValue"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>Whether the key was present, and its value when it was.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<MapLookup<TValue>> TryGetValueAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> for <paramref name="key"/>, adding or replacing: the indexer's setter.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>A task that completes when the value is stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask SetAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Adds <paramref name="key"/> with <paramref name="value"/> if it is absent.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns><see langword="true"/> when this call added the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<bool> TryAddAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="key"/> if present.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>Whether this call removed the key, and the removed value when it did.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<MapLookup<TValue>> TryRemoveAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Replaces the value of <paramref name="key"/> with <paramref name="newValue"/> if it equals <paramref name="comparisonValue"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="newValue">The replacement.</param>
    /// <param name="comparisonValue">The value the key must hold.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns><see langword="true"/> when the value was replaced.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<bool> TryUpdateAsync(TKey key, TValue newValue, TValue comparisonValue, CancellationToken cancellationToken = default);

    /// <summary>Returns the value of <paramref name="key"/>, adding <paramref name="value"/> first if it is absent.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value to add.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The stored value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<TValue> GetOrAddAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Returns the value of <paramref name="key"/>, adding <paramref name="valueFactory"/>(key) first if it is absent.</summary>
    /// <param name="key">The key.</param>
    /// <param name="valueFactory">Makes the value to add; it runs in this process and may run when another caller wins.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The stored value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="valueFactory"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<TValue> GetOrAddAsync(TKey key, Func<TKey, TValue> valueFactory, CancellationToken cancellationToken = default);

    /// <summary>Adds <paramref name="addValue"/> if <paramref name="key"/> is absent, otherwise stores <paramref name="updateValueFactory"/>(key, current).</summary>
    /// <param name="key">The key.</param>
    /// <param name="addValue">The value to add.</param>
    /// <param name="updateValueFactory">Makes the replacement; it may run more than once.</param>
    /// <param name="cancellationToken">Stops waiting, and stops retrying.</param>
    /// <returns>The value now stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="updateValueFactory"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<TValue> AddOrUpdateAsync(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory, CancellationToken cancellationToken = default);

    /// <summary>Adds <paramref name="addValueFactory"/>(key) if <paramref name="key"/> is absent, otherwise stores <paramref name="updateValueFactory"/>(key, current).</summary>
    /// <param name="key">The key.</param>
    /// <param name="addValueFactory">Makes the value to add; it may run more than once.</param>
    /// <param name="updateValueFactory">Makes the replacement; it may run more than once.</param>
    /// <param name="cancellationToken">Stops waiting, and stops retrying.</param>
    /// <returns>The value now stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or a factory is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<TValue> AddOrUpdateAsync(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory, CancellationToken cancellationToken = default);

    /// <summary>Returns whether <paramref name="key"/> is present.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns><see langword="true"/> when the key is present.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<bool> ContainsKeyAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Counts the entries, as <see cref="IConcurrentMap{TKey, TValue}.Count"/>.</summary>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The number of entries.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<int> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes every entry.</summary>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>A task that completes when the map is empty.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask ClearAsync(CancellationToken cancellationToken = default);
}
