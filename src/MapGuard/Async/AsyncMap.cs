using System.Numerics;

namespace MapGuard;

/// <summary>Brings in-process maps to the asynchronous contracts.</summary>
public static class AsyncMap
{
    /// <summary>
    /// Returns <paramref name="map"/> as an <see cref="IAsyncConcurrentMap{TKey, TValue}"/>: itself when it already is
    /// one (a <c>RedisMap</c>), otherwise a <see cref="SynchronousAsyncMap{TKey, TValue}"/> whose calls complete synchronously.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="map">The map.</param>
    /// <returns>The asynchronous view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    public static IAsyncConcurrentMap<TKey, TValue> AsAsync<TKey, TValue>(this IConcurrentMap<TKey, TValue> map)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(map);
        return map as IAsyncConcurrentMap<TKey, TValue> ?? new SynchronousAsyncMap<TKey, TValue>(map);
    }

    /// <summary>
    /// Returns <paramref name="map"/> as an <see cref="IAsyncCounterMap{TKey}"/>: itself when it already is one (a
    /// <c>RedisMap</c>, which adds on the server), otherwise a <see cref="SynchronousCounterMap{TKey, TValue}"/>.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">An integer type.</typeparam>
    /// <param name="map">The map.</param>
    /// <returns>The counter view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    public static IAsyncCounterMap<TKey> AsAsyncCounter<TKey, TValue>(this IConcurrentMap<TKey, TValue> map)
        where TKey : notnull
        where TValue : IBinaryInteger<TValue>, IMinMaxValue<TValue>
    {
        ArgumentNullException.ThrowIfNull(map);
        return map as IAsyncCounterMap<TKey> ?? new SynchronousCounterMap<TKey, TValue>(map);
    }
}
