using System.Collections.Concurrent;

namespace MapGuard.Internal;

/// <summary>
/// The factory gate behind <c>GetOrAddOnce</c> and <c>AddOrUpdateOnce</c>: a table of the keys whose add factory is
/// running, each with a <see cref="Lock"/> its runner holds, so callers that find the same key absent wait for the
/// one run instead of running the factory themselves.
/// </summary>
/// <remarks>
/// <para>The table compares keys with the map's own comparer, so the gate is exact per key: a caller waits only for a
/// run of its own key, never for an unrelated key. That is what makes it safe for a factory to call
/// <c>GetOrAddOnce</c> for other keys (memoised recursion): waits follow the factories' own dependencies, and deadlock
/// only where those form a cycle, as with <see cref="Lazy{T}"/> per entry. A striped lock table held around the
/// factory would not be: two unrelated keys sharing a stripe could make two threads wait for each other.</para>
/// <para>The gate of <see cref="ForMaps"/> claims whole maps instead of keys: it is for maps whose comparer MapGuard
/// cannot know (an <see cref="IConcurrentMap{TKey, TValue}"/> implemented outside the library), where a per-key table
/// could split one key in two. It runs one factory at a time per map; a factory may still call <c>GetOrAddOnce</c> on
/// the same map from the same thread (the nested run needs no gate: no other thread can be in one). It holds a map
/// only while that map's factory runs, so it is no table of maps.</para>
/// <para>Only runs go through the table: the hit path of <c>GetOrAddOnce</c> is the map's own lookup, and the table
/// holds at most one entry per running factory. A run costs one <see cref="Lock"/> and one table node.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
internal sealed class FactoryGate<TKey> : IFactoryGate<TKey>
    where TKey : notnull
{
    /*
     * Concurrency: _running maps a key to the Lock of the thread running its factory. The runner creates the Lock,
     *   enters it, and only then offers it to _running (GetOrAdd), so any thread that finds it there blocks on Enter
     *   until the run ends. The runner removes its own Lock (TryRemove of the exact pair, reference equality) before it
     *   exits it; a Lock is never reused, so a waiter holding a stale one passes straight through and looks again.
     * Memory ordering: the runner stores the value in the map before it removes its claim. A caller that then wins a
     *   claim re-reads the map under it: the map's operations and ConcurrentDictionary's are linearizable, so that
     *   re-read sees the value (store, then remove, then the winning add, in real-time order).
     * Progress: blocking. A waiter blocks for the length of one factory run of its key.
     * References: the per-key "in-flight" table is the shape of Caffeine's and BitFaster.Caching's atomic factories and
     *   of Go's singleflight (golang.org/x/sync), applied here to a map that stores plain values.
     */

    private readonly ConcurrentDictionary<TKey, Lock> _running;
    private readonly bool _wholeMap;

    private FactoryGate(IEqualityComparer<TKey> comparer, bool wholeMap)
    {
        _running = new ConcurrentDictionary<TKey, Lock>(comparer);
        _wholeMap = wholeMap;
    }

    /// <summary>The gate in <paramref name="field"/>, created on first use for a map with <paramref name="comparer"/>.</summary>
    /// <param name="field">The map's gate field. PUBLISHED BY: Interlocked.CompareExchange here; READ WITH: Volatile.Read.</param>
    /// <param name="comparer">The map's key comparer: keys equal under it share a run.</param>
    public static FactoryGate<TKey> For(ref FactoryGate<TKey>? field, IEqualityComparer<TKey> comparer)
    {
        // ORDER: Volatile.Read (acquire) pairs with the CompareExchange (full fence) that published the gate.
        FactoryGate<TKey>? gate = Volatile.Read(ref field);
        if (gate is not null)
        {
            return gate;
        }

        // RACE(benign): two first callers may each build a gate; the CAS keeps one and the other is garbage.
        gate = new FactoryGate<TKey>(comparer, wholeMap: false);
        return Interlocked.CompareExchange(ref field, gate, null) ?? gate;
    }

    /// <summary>
    /// A gate whose keys are maps, compared by reference, each claimed for the whole of one factory run: the gate of
    /// the maps MapGuard knows only through <see cref="IConcurrentMap{TKey, TValue}"/> (see <see cref="ForeignMapGate{TKey}"/>).
    /// A nested run on the thread that holds a map's claim passes (<c>wholeMap</c>).
    /// </summary>
    internal static FactoryGate<object> ForMaps() => new(ReferenceEqualityComparer.Instance, wholeMap: true);

    /// <summary>
    /// Claims the run of <paramref name="key"/>'s factory. Returns <see langword="true"/> when the caller must run it
    /// and then call <see cref="Exit"/> with <paramref name="held"/>; <see langword="false"/> after waiting for
    /// another thread's run to end, when the caller must look the key up again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The calling thread is already running this key's factory: the
    /// factory asked for its own key.</exception>
    public bool TryEnter(TKey key, out Lock? held)
    {
        var mine = new Lock();
        mine.Enter();
        Lock winner;
        try
        {
            winner = _running.GetOrAdd(key, mine);
        }
        catch
        {
            mine.Exit();
            throw;
        }

        if (winner == mine)
        {
            held = mine;
            return true;
        }

        mine.Exit();
        if (winner.IsHeldByCurrentThread)
        {
            if (_wholeMap)
            {
                // Nested in this thread's own run: no other thread can be running a factory of this map.
                held = null;
                return true;
            }

            throw new InvalidOperationException(
                $"The value factory for key '{key}' asked the map for the same key with GetOrAddOnce or AddOrUpdateOnce: it would wait for itself.");
        }

        // Blocks until the runner exits; a stale Lock (its run over) is free at once. Removing the exact pair again
        // clears a claim whose runner's own removal threw (a throwing comparer), so it cannot stall the key forever.
        winner.Enter();
        try
        {
            _running.TryRemove(new KeyValuePair<TKey, Lock>(key, winner));
        }
        finally
        {
            winner.Exit();
        }

        held = null;
        return false;
    }

    /// <summary>Ends the run claimed by <see cref="TryEnter"/>: waiters wake and look the key up again.</summary>
    /// <param name="key">The key passed to <see cref="TryEnter"/>.</param>
    /// <param name="held">What <see cref="TryEnter"/> returned in <c>held</c>; null (a nested run) does nothing.</param>
    public void Exit(TKey key, Lock? held)
    {
        if (held is null)
        {
            return;
        }

        try
        {
            // ORDER: the removal comes before Exit, so a waiter that wakes finds no claim, or a newer one.
            _running.TryRemove(new KeyValuePair<TKey, Lock>(key, held));
        }
        finally
        {
            held.Exit();
        }
    }
}
