using System.Collections;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using MapGuard.Internal;

namespace MapGuard;

public sealed partial class MigratingMap<TKey, TValue>
{
    /// <inheritdoc/>
    public TValue this[TKey key]
    {
        get
        {
            if (!TryGetValue(key, out TValue? value))
            {
                Throw.KeyNotFound(key);
            }

            return value;
        }
        set => Set(key, value);
    }

    /// <inheritdoc/>
    /// <remarks>While migrating: the source map's count, which holds every key (exact when the source map's is).</remarks>
    public int Count
    {
        get
        {
            State state = Volatile.Read(ref _state);
            return (state.Remaining ?? state.Source).Count;
        }
    }

    /// <inheritdoc/>
    public bool IsEmpty
    {
        get
        {
            State state = Volatile.Read(ref _state);
            return (state.Remaining ?? state.Source).IsEmpty;
        }
    }

    /// <inheritdoc/>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        State state = Volatile.Read(ref _state);
        if (state.Remaining is { } remaining)
        {
            return remaining.TryGetValue(key, out value);
        }

        // LINEARIZATION POINT (hit): the target holds k, so A(k) = target(k) at this read (invariant I1, see header).
        if (state.Target.TryGetValue(key, out value))
        {
            _counters.TargetHits.Add(1);
            return true;
        }

        return TryGetValueFallback(key, out value);
    }

    /// <inheritdoc/>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <summary>
    /// Enumerates the source map while migrating (it holds every key), the remaining map afterwards. Weakly
    /// consistent: never throws, and yields every key present and unwritten throughout the enumeration once.
    /// </summary>
    /// <remarks>The enumerator is this map's own, with <c>ConcurrentDictionary</c>'s behaviour whatever the inner maps
    /// return, so it does not change at <see cref="CutOver"/>: <c>Current</c> never throws, and <c>Reset</c> starts a
    /// fresh walk of whichever map holds every key then.</remarks>
    /// <returns>An enumerator over the entries.</returns>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() =>
        new MapEnumerator<MigratingMap<TKey, TValue>, TKey, TValue>(this, static map => map.Walk());

    private IEnumerator<KeyValuePair<TKey, TValue>> Walk()
    {
        State state = Volatile.Read(ref _state);
        return (state.Remaining ?? state.Source).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A read that missed the target map: consult the source map under the key's lock, and backfill.</summary>
    private bool TryGetValueFallback(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        Lock stripe = StripeOf(key);
        if (EnterMigrating(stripe) is not { } state)
        {
            return Remaining.TryGetValue(key, out value);
        }

        try
        {
            // Another fallback (or a write) may have filled the target while this call waited for the lock.
            if (state.Target.TryGetValue(key, out value))
            {
                _counters.TargetHits.Add(1);
                return true;
            }

            _counters.FallbackReads.Add(1);

            // LINEARIZATION POINT (miss): under the lock the key is quiescent, and the target lacks it, so A(k) = source(k).
            if (!state.Source.TryGetValue(key, out value))
            {
                _counters.Misses.Add(1);
                return false;
            }

            // The backfill copies source(k) while holding k's lock: no remove of k can run between the read above and
            // this add, so it cannot bring back a removed key, and it leaves A(k) unchanged.
            bool added = state.Target.TryAdd(key, value);

            // INVARIANT: the target lacked k just now, and only holders of k's lock add k to it.
            Debug.Assert(added, "the target map gained a key without its lock");
            _counters.Backfills.Add(1);
            return true;
        }
        finally
        {
            stripe.Exit();
        }
    }

    /// <summary>
    /// Reads A(k) for a read-modify-write retry loop, without counting it as a read or backfilling: the target first,
    /// then the source under the key's lock.
    /// </summary>
    private bool Peek(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        State state = Volatile.Read(ref _state);
        if (state.Remaining is { } remaining)
        {
            return remaining.TryGetValue(key, out value);
        }

        if (state.Target.TryGetValue(key, out value))
        {
            return true;
        }

        Lock stripe = StripeOf(key);
        if (EnterMigrating(stripe) is not { } locked)
        {
            return Remaining.TryGetValue(key, out value);
        }

        try
        {
            return locked.Source.TryGetValue(key, out value);
        }
        finally
        {
            stripe.Exit();
        }
    }
}
