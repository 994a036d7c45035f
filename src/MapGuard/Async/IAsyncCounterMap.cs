namespace MapGuard;

/// <summary>
/// An atomic bounded add on integer values, for maps where a client-side compare-and-set loop would cost a round trip
/// per attempt (<c>RedisMap</c> runs it as one server-side script): "take 3 units if at least 3 are left" and "add 100
/// units unless that passes the maximum" are each one call, whatever the contention.
/// </summary>
/// <typeparam name="TKey">The key type. Null keys are rejected with <see cref="ArgumentNullException"/>.</typeparam>
/// <remarks>
/// <para>Values are 64-bit integers as seen by the map's value type; an implementation states the range it supports
/// (<c>RedisMap</c>: the value type's range, within ±(2^53 − 1), where its server-side arithmetic is exact).</para>
/// <para>In-process maps take part through
/// <see cref="AsyncMap.AsAsyncCounter{TKey, TValue}(IConcurrentMap{TKey, TValue})"/>.</para>
/// </remarks>
public interface IAsyncCounterMap<TKey>
    where TKey : notnull
{
    /// <summary>
    /// Atomically adds <paramref name="delta"/> to the value of <paramref name="key"/> if the result lies within
    /// [<paramref name="minimum"/>, <paramref name="maximum"/>]; otherwise changes nothing. A decrement-if-enough is
    /// <c>AddWithinAsync(key, -units, 0, long.MaxValue)</c>.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="delta">What to add (negative to take).</param>
    /// <param name="minimum">The least value the result may have.</param>
    /// <param name="maximum">The greatest value the result may have.</param>
    /// <param name="createIfMissing">When the key is absent: true adds it with <paramref name="delta"/> (if within the
    /// bounds); false reports <see cref="CounterOutcome.Missing"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the answer (the implementation says whether the add may still land).</param>
    /// <returns>What happened, and the value after it (or the value that was left unchanged).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> exceeds <paramref name="maximum"/>, or
    /// a number is outside the range the implementation supports.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<CounterUpdate> AddWithinAsync(TKey key, long delta, long minimum, long maximum, bool createIfMissing = false, CancellationToken cancellationToken = default);
}
