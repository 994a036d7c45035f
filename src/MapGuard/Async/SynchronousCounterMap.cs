using System.Numerics;

namespace MapGuard;

/// <summary>
/// <see cref="IAsyncCounterMap{TKey}"/> over an in-process map of integers: the bounded add is a compare-and-set loop
/// (<c>TryGetValue</c>, check, <c>TryUpdate</c>) that runs synchronously and returns a completed <see cref="ValueTask{TResult}"/>.
/// Made by <see cref="AsyncMap.AsAsyncCounter{TKey, TValue}(IConcurrentMap{TKey, TValue})"/>.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">An integer type; the bounds are clamped to its range.</typeparam>
public sealed class SynchronousCounterMap<TKey, TValue> : IAsyncCounterMap<TKey>
    where TKey : notnull
    where TValue : IBinaryInteger<TValue>, IMinMaxValue<TValue>
{
    /*
     * Concurrency: the wrapped map's TryUpdate is its compare-and-swap. The loop reads the value, checks the bounds and
     *   replaces exactly the value it read; a failed CAS means another write to the key succeeded, and it reads again.
     *   ABA is harmless: the value is a count, so v + delta is right for any write that left v.
     * Progress: lock-free (a retry implies another caller's success). The token is checked before each attempt, so a
     *   caller that gives up under contention stops; an attempt itself takes nanoseconds.
     * References: the optimistic read-check-CAS loop (Herlihy and Shavit, "The Art of Multiprocessor Programming", ch. 5).
     */

    private static readonly long s_minimum = long.CreateSaturating(TValue.MinValue);
    private static readonly long s_maximum = long.CreateSaturating(TValue.MaxValue);

    private readonly IConcurrentMap<TKey, TValue> _map;

    /// <summary>Wraps <paramref name="map"/>.</summary>
    /// <param name="map">The in-process map; its <c>TryUpdate</c> must be atomic (every MapGuard map's is).</param>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    public SynchronousCounterMap(IConcurrentMap<TKey, TValue> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = map;
    }

    /// <inheritdoc />
    public ValueTask<CounterUpdate> AddWithinAsync(TKey key, long delta, long minimum, long maximum, bool createIfMissing = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimum, maximum);
        long low = Math.Max(minimum, s_minimum);
        long high = Math.Min(maximum, s_maximum);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_map.TryGetValue(key, out TValue? stored))
            {
                if (!createIfMissing)
                {
                    return new(new CounterUpdate(CounterOutcome.Missing, 0));
                }

                if (delta < low || delta > high)
                {
                    return new(new CounterUpdate(CounterOutcome.OutOfRange, 0));
                }

                if (_map.TryAdd(key, TValue.CreateChecked(delta)))
                {
                    return new(new CounterUpdate(CounterOutcome.Applied, delta));
                }

                continue; // another caller added the key first: add to its value
            }

            long current = long.CreateChecked(stored);
            bool overflows = delta > 0 ? current > long.MaxValue - delta : current < long.MinValue - delta;
            long result = overflows ? 0 : current + delta;
            if (overflows || result < low || result > high)
            {
                return new(new CounterUpdate(CounterOutcome.OutOfRange, current));
            }

            // LINEARIZATION POINT: the CAS replaces exactly the value that was checked.
            if (_map.TryUpdate(key, TValue.CreateChecked(result), stored))
            {
                return new(new CounterUpdate(CounterOutcome.Applied, result));
            }
        }
    }
}
