namespace MapGuard;

/// <summary>
/// An in-process <see cref="IConcurrentMap{TKey, TValue}"/> seen through <see cref="IAsyncConcurrentMap{TKey, TValue}"/>:
/// each call runs synchronously on the caller's thread and returns a completed <see cref="ValueTask"/>, so it allocates
/// nothing per call and never hops threads. Made by <see cref="AsyncMap.AsAsync{TKey, TValue}(IConcurrentMap{TKey, TValue})"/>.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <remarks>
/// Consistency, progress and factories are the wrapped map's: this type adds no state and no locking. A cancellation
/// token is checked once before each call; a call that has started finishes (in-process calls take nanoseconds).
/// Metrics are the wrapped map's, so a map built with <c>MapBuilder.WithMetrics()</c> reports the calls made through here.
/// </remarks>
public sealed class SynchronousAsyncMap<TKey, TValue> : IAsyncConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    private readonly IConcurrentMap<TKey, TValue> _map;

    /// <summary>Wraps <paramref name="map"/>.</summary>
    /// <param name="map">The in-process map.</param>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    public SynchronousAsyncMap(IConcurrentMap<TKey, TValue> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = map;
    }

    /// <summary>Gets the wrapped map.</summary>
    public IConcurrentMap<TKey, TValue> Map => _map;

    /// <inheritdoc />
    public ValueTask<MapLookup<TValue>> TryGetValueAsync(TKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_map.TryGetValue(key, out TValue? value) ? new MapLookup<TValue>(value) : default);
    }

    /// <inheritdoc />
    public ValueTask SetAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _map[key] = value;
        return default;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAddAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_map.TryAdd(key, value));
    }

    /// <inheritdoc />
    public ValueTask<MapLookup<TValue>> TryRemoveAsync(TKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_map.TryRemove(key, out TValue? value) ? new MapLookup<TValue>(value) : default);
    }

    /// <inheritdoc />
    public ValueTask<bool> TryUpdateAsync(TKey key, TValue newValue, TValue comparisonValue, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_map.TryUpdate(key, newValue, comparisonValue));
    }

    /// <inheritdoc />
    public ValueTask<TValue> GetOrAddAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_map.GetOrAdd(key, value));
    }

    /// <inheritdoc />
    public ValueTask<TValue> GetOrAddAsync(TKey key, Func<TKey, TValue> valueFactory, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_map.GetOrAdd(key, valueFactory));
    }

    /// <inheritdoc />
    public ValueTask<TValue> AddOrUpdateAsync(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_map.AddOrUpdate(key, addValue, updateValueFactory));
    }

    /// <inheritdoc />
    public ValueTask<TValue> AddOrUpdateAsync(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_map.AddOrUpdate(key, addValueFactory, updateValueFactory));
    }

    /// <inheritdoc />
    public ValueTask<bool> ContainsKeyAsync(TKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_map.ContainsKey(key));
    }

    /// <inheritdoc />
    public ValueTask<int> CountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_map.Count);
    }

    /// <inheritdoc />
    public ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _map.Clear();
        return default;
    }

    /// <inheritdoc />
    public async IAsyncEnumerator<KeyValuePair<TKey, TValue>> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        foreach (KeyValuePair<TKey, TValue> entry in _map)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
