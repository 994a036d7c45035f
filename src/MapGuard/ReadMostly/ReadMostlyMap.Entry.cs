using System.Runtime.CompilerServices;
using static MapGuard.ReadMostly.EntryMeta;

namespace MapGuard;

public sealed partial class ReadMostlyMap<TKey, TValue>
{
    /// <summary>
    /// One key's value cell. Every table that holds the key (old read tables, the current one, the dirty table) points to
    /// the same entry, so a write through any of them is seen through all of them and a promotion never copies a value.
    /// The value is guarded by a per-entry seqlock on <see cref="_meta"/>, so it can be any type, even a wide struct, and
    /// is updated in place: no allocation per write.
    /// </summary>
    private sealed class Entry
    {
        // Written only by CAS (taking the busy bit) or by the Volatile.Write that ends a write; see EntryMeta.
        private long _meta;

        // Written only by the thread holding the busy bit (or the constructor, before the entry is published).
        private TValue _value;

        public Entry(TValue value)
        {
            _value = value;
            _meta = NewLive;
        }

        /// <summary>The state, read once without waiting; a writer may be mid-update (busy).</summary>
        public int PeekState => State(Volatile.Read(ref _meta));

        /// <summary>Reads the word, waiting out a writer that holds the busy bit (it is two stores from done).</summary>
        public long ReadMeta()
        {
            var spinner = default(SpinWait);
            while (true)
            {
                // ORDER: Volatile.Read (acquire): the value loads that follow cannot be satisfied before it. Pairs with
                // the Volatile.Write (release) that ends a write in TryCommit/TryTake, after its value stores.
                long meta = Volatile.Read(ref _meta);
                if (!IsBusy(meta))
                {
                    return meta;
                }

                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        /// <summary>Reads the value a word read by <see cref="ReadMeta"/> describes; false if any write intervened.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadValue(long meta, out TValue value)
        {
            value = _value;

            // ORDER: Volatile.ReadBarrier: the value loads above complete before the validating load below. (Acquire
            // alone would not do: it keeps later accesses after a volatile read, not earlier plain loads before it.)
            Volatile.ReadBarrier();

            // ORDER: the validating load. A later write takes the busy bit with Interlocked.CompareExchange, a full
            // fence, before its first value store; so if a value load above saw any of its stores, this load sees that
            // CAS's word or a later one, and the comparison fails.
            return Volatile.Read(ref _meta) == meta;
        }

        /// <summary>Reads the value if the key is present here. Deleted and Expunged both mean absent.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryLoad(out TValue value) => TryLoadLive(out value) || TryLoadSlow(out value);

        /// <summary>
        /// <see cref="TryLoad"/>'s common case, with no call: the entry Live and no writer on it. False means only "not
        /// answered here": the entry may be removed, or a write may be in the way.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryLoadLive(out TValue value)
        {
            // ORDER: Volatile.Read (acquire), as in ReadMeta: pairs with the release Volatile.Write that ends a write.
            long meta = Volatile.Read(ref _meta);
            if ((meta & (StateMask | Busy)) == Live)
            {
                value = _value;

                // ORDER: Volatile.ReadBarrier, then the validating load, as in TryReadValue: an unchanged word means no
                // write's stores reached the value loads.
                Volatile.ReadBarrier();
                if (Volatile.Read(ref _meta) == meta)
                {
                    return true; // LINEARIZATION POINT (hit): the first read of _meta, now known to cover the value
                }
            }

            value = default!;
            return false;
        }

        /// <summary>
        /// Takes the busy bit if the word is still exactly <paramref name="meta"/>, stores <paramref name="value"/> and
        /// publishes <paramref name="state"/>. False when any other write came first: the caller's decision is stale.
        /// </summary>
        public bool TryCommit(long meta, TValue value, int state)
        {
            // ORDER: Interlocked.CompareExchange (full fence) takes the busy bit: it is visible before any value store
            // below. It fails if anything was written since `meta` was read.
            if (Interlocked.CompareExchange(ref _meta, meta | Busy, meta) != meta)
            {
                return false;
            }

            _value = value;

            // ORDER: Volatile.Write (release): the value stores above are visible before this word, which readers load
            // with acquire. LINEARIZATION POINT of the write.
            Volatile.Write(ref _meta, Published(meta, state));
            return true;
        }

        /// <summary>
        /// Like <see cref="TryCommit"/>, but hands back the value it replaces with the default (so a removed value is not
        /// kept alive by the entry).
        /// </summary>
        public bool TryTake(long meta, int state, out TValue value)
        {
            // ORDER: Interlocked.CompareExchange (full fence), as in TryCommit.
            if (Interlocked.CompareExchange(ref _meta, meta | Busy, meta) != meta)
            {
                value = default!;
                return false;
            }

            value = _value;
            _value = default!;

            // ORDER: Volatile.Write (release), as in TryCommit. LINEARIZATION POINT of the removal.
            Volatile.Write(ref _meta, Published(meta, state));
            return true;
        }

        private bool TryLoadSlow(out TValue value)
        {
            while (true)
            {
                long meta = ReadMeta();
                if (State(meta) != Live)
                {
                    value = default!;
                    return false; // LINEARIZATION POINT (absent): the read of a Deleted or Expunged word
                }

                if (TryReadValue(meta, out value))
                {
                    return true; // LINEARIZATION POINT (hit): the ReadMeta above
                }
            }
        }
    }
}
