using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using MapGuard.Internal;

namespace MapGuard;

public sealed partial class ReadMostlyMap<TKey, TValue> : IAlternateKeyMap<TKey, TValue>
{
    /// <summary>
    /// Gets a view of this map that looks keys up by <typeparamref name="TAlternateKey"/> without creating a
    /// <typeparamref name="TKey"/>, as <c>ConcurrentDictionary.GetAlternateLookup</c> does: for string keys,
    /// <c>GetAlternateLookup&lt;ReadOnlySpan&lt;char&gt;&gt;()</c> looks up a slice of a buffer without allocating a string.
    /// </summary>
    /// <remarks>Supported when the map's <see cref="Comparer"/> implements
    /// <see cref="IAlternateEqualityComparer{TAlternate, T}"/> of <typeparamref name="TAlternateKey"/> and
    /// <typeparamref name="TKey"/>: the default and every <see cref="StringComparer"/> preset do for
    /// <see cref="ReadOnlySpan{T}"/> of <see cref="char"/>. Lookups allocate nothing and hash the characters as the map
    /// hashes the equal string, in either of its hash modes (docs/design/drop-in.md).</remarks>
    /// <typeparam name="TAlternateKey">The alternate key type.</typeparam>
    /// <returns>The view.</returns>
    /// <exception cref="InvalidOperationException">The comparer does not support <typeparamref name="TAlternateKey"/>.</exception>
    public AlternateLookup<TAlternateKey> GetAlternateLookup<TAlternateKey>()
        where TAlternateKey : notnull, allows ref struct =>
        new(this, AlternateSurface<TKey, TValue>.Compatible(_keys.AlternateComparer<TAlternateKey>()));

    /// <summary>Gets a view of this map that looks keys up by <typeparamref name="TAlternateKey"/>, if its comparer
    /// supports it (see <see cref="GetAlternateLookup{TAlternateKey}"/>).</summary>
    /// <typeparam name="TAlternateKey">The alternate key type.</typeparam>
    /// <param name="lookup">The view, when supported.</param>
    /// <returns><see langword="true"/> when the comparer supports <typeparamref name="TAlternateKey"/>.</returns>
    public bool TryGetAlternateLookup<TAlternateKey>(out AlternateLookup<TAlternateKey> lookup)
        where TAlternateKey : notnull, allows ref struct
    {
        if (_keys.AlternateComparer<TAlternateKey>() is { } comparer)
        {
            lookup = new AlternateLookup<TAlternateKey>(this, comparer);
            return true;
        }

        lookup = default;
        return false;
    }

    bool IAlternateKeyMap<TKey, TValue>.TryGetAlternate<TAlternate>(
        TAlternate key, IAlternateEqualityComparer<TAlternate, TKey> comparer, [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value) =>
        TryGetAlternateCore(key, comparer, out actualKey, out value);

    // The lookup itself, called directly by AlternateLookup's reads: through the interface it is a generic virtual
    // method, whose dispatch is a runtime lookup that cost more than the probe on short keys.
    private bool TryGetAlternateCore<TAlternate>(
        TAlternate key, IAlternateEqualityComparer<TAlternate, TKey> comparer, [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value)
        where TAlternate : notnull, allows ref struct
    {
        var probe = new AlternateKeyProbe<TKey, TAlternate>(in _keys, key, comparer);
        ReadTable table = LoadRead();
        Entry? entry = FindAlternate(table, ref probe, probe.Hash(!_keys.StartsFast || table.RandomizedHash), out actualKey);
        if (entry is null && table.Amended)
        {
            entry = LookupSlowAlternate(table, ref probe, key, comparer, out actualKey);
        }

        if (entry is not null && entry.TryLoad(out value))
        {
            Debug.Assert(actualKey is not null, "a found entry comes with its key");
            return true;
        }

        actualKey = default;
        value = default;
        return false;
    }

    /// <summary>
    /// <see cref="Find"/> for an alternate key: the same probe of a published read table, lock-free, counting the same
    /// collisions, and giving the stored key. A copy of <see cref="Find"/>'s loop rather than a change to it, so the
    /// hot path of every read stays exactly as it was.
    /// </summary>
    private Entry? FindAlternate<TProbe>(ReadTable table, scoped ref TProbe probe, uint hash, [MaybeNull] out TKey actualKey)
        where TProbe : IKeyProbe<TKey>, allows ref struct
    {
        Slot[] slots = table.Slots;
        int mask = slots.Length - 1;
        int index = HomeSlot(table, hash);

        // INVARIANT: as in Find: the probe ends at an empty slot or after MaxProbe slots.
        Debug.Assert(table.Occupied < slots.Length, "read table without an empty slot");
        int maxProbe = table.MaxProbe;
        int collisions = 0;
        for (int distance = 0; ; distance++)
        {
            ref Slot slot = ref slots[index];
            Entry? entry = slot.Entry;
            if (entry is null)
            {
                actualKey = default;
                return null;
            }

            if (slot.Hash == hash)
            {
                if (probe.Matches(slot.Key))
                {
                    actualKey = slot.Key;
                    return entry;
                }

                CountCollision(table, ref collisions);
            }

            if (distance == maxProbe)
            {
                actualKey = default;
                return null;
            }

            index = (index + 1) & mask;
        }
    }

    /// <summary>
    /// <see cref="LookupSlow"/> for an alternate key: the current read table, then the dirty table, under the lock,
    /// counting a miss. The dirty table is a <see cref="Dictionary{TKey, TValue}"/> on the user's comparer for string
    /// keys (<see cref="KeyComparer{TKey}.ForCollection"/>), so it is looked up by the alternate key too; only a
    /// comparer it wraps (a custom one, watched for floods) makes this path create the key.
    /// </summary>
    private Entry? LookupSlowAlternate<TProbe, TAlternate>(
        ReadTable table, scoped ref TProbe probe, TAlternate key, IAlternateEqualityComparer<TAlternate, TKey> comparer, [MaybeNull] out TKey actualKey)
        where TProbe : IKeyProbe<TKey>, allows ref struct
        where TAlternate : notnull, allows ref struct
    {
        using (EnterSlowPath())
        {
            ReadTable current = _read; // only written under the lock
            uint hash = probe.Hash(!_keys.StartsFast || current.RandomizedHash);
            Entry? entry = FindAlternate(current, ref probe, hash, out actualKey);
            if (entry is not null || _dirty.Count == 0)
            {
                return entry;
            }

            DirtyEntry dirty;
            bool found = _dirty.TryGetAlternateLookup(out Dictionary<TKey, DirtyEntry>.AlternateLookup<TAlternate> lookup)
                ? lookup.TryGetValue(key, out actualKey, out dirty)
                : _dirty.TryGetValue(actualKey = comparer.Create(key), out dirty);
            RecordMiss(); // after the lookup, as LookupSlow: it may promote the dirty table
            return found ? dirty.Entry : null;
        }
    }

    /// <summary>
    /// A view of a <see cref="ReadMostlyMap{TKey, TValue}"/> that takes <typeparamref name="TAlternateKey"/> keys:
    /// <c>ConcurrentDictionary</c>'s <c>AlternateLookup</c>, with its members and exceptions. Reads and failed adds
    /// allocate nothing; an add creates the key from the alternate one.
    /// </summary>
    /// <typeparam name="TAlternateKey">The alternate key type.</typeparam>
    [SuppressMessage("Design", "CA1034:Nested types should not be visible", Justification = "ConcurrentDictionary's shape: ReadMostlyMap<TKey, TValue>.AlternateLookup<TAlternateKey>.")]
    [SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types", Justification = "A view, as ConcurrentDictionary's AlternateLookup, which has no equality either.")]
    public readonly struct AlternateLookup<TAlternateKey>
        where TAlternateKey : notnull, allows ref struct
    {
        private readonly IAlternateEqualityComparer<TAlternateKey, TKey> _comparer;

        internal AlternateLookup(ReadMostlyMap<TKey, TValue> map, IAlternateEqualityComparer<TAlternateKey, TKey> comparer)
        {
            Dictionary = map;
            _comparer = comparer;
        }

        /// <summary>Gets the map this view looks into (<c>ConcurrentDictionary</c>'s name for it).</summary>
        public ReadMostlyMap<TKey, TValue> Dictionary { get; }

        /// <summary>Gets or sets the value of the key equal to <paramref name="key"/>.</summary>
        /// <param name="key">The alternate key.</param>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        /// <exception cref="KeyNotFoundException">On get, the key is absent.</exception>
        /// <remarks>A set of an absent key creates it from <paramref name="key"/>.</remarks>
        public TValue this[TAlternateKey key]
        {
            get => AlternateSurface<TKey, TValue>.Get(Dictionary, _comparer, key);
            set => AlternateSurface<TKey, TValue>.Set(Dictionary, _comparer, key, value);
        }

        /// <summary>Returns whether a key equal to <paramref name="key"/> is present.</summary>
        /// <param name="key">The alternate key.</param>
        /// <returns><see langword="true"/> when present.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public bool ContainsKey(TAlternateKey key)
        {
            AlternateSurface<TKey, TValue>.ThrowIfNull(key);
            return Dictionary.TryGetAlternateCore(key, _comparer, out _, out _);
        }

        /// <summary>Adds the key created from <paramref name="key"/> with <paramref name="value"/>, if no equal key is present.</summary>
        /// <param name="key">The alternate key.</param>
        /// <param name="value">The value.</param>
        /// <returns><see langword="true"/> when this call added the key.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public bool TryAdd(TAlternateKey key, TValue value) => AlternateSurface<TKey, TValue>.TryAdd(Dictionary, _comparer, key, value);

        /// <summary>Looks up the key equal to <paramref name="key"/>.</summary>
        /// <param name="key">The alternate key.</param>
        /// <param name="value">The value when found.</param>
        /// <returns><see langword="true"/> when present.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public bool TryGetValue(TAlternateKey key, [MaybeNullWhen(false)] out TValue value)
        {
            AlternateSurface<TKey, TValue>.ThrowIfNull(key);
            return Dictionary.TryGetAlternateCore(key, _comparer, out _, out value);
        }

        /// <summary>Looks up the key equal to <paramref name="key"/>, and gives the stored key too.</summary>
        /// <param name="key">The alternate key.</param>
        /// <param name="actualKey">The stored key when found.</param>
        /// <param name="value">The value when found.</param>
        /// <returns><see langword="true"/> when present.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public bool TryGetValue(TAlternateKey key, [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value)
        {
            AlternateSurface<TKey, TValue>.ThrowIfNull(key);
            return Dictionary.TryGetAlternateCore(key, _comparer, out actualKey, out value);
        }

        /// <summary>Removes the key equal to <paramref name="key"/>.</summary>
        /// <param name="key">The alternate key.</param>
        /// <param name="value">The removed value.</param>
        /// <returns><see langword="true"/> when this call removed the key.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public bool TryRemove(TAlternateKey key, [MaybeNullWhen(false)] out TValue value) =>
            AlternateSurface<TKey, TValue>.TryRemove(Dictionary, _comparer, key, out _, out value);

        /// <summary>Removes the key equal to <paramref name="key"/>, and gives the stored key too.</summary>
        /// <param name="key">The alternate key.</param>
        /// <param name="actualKey">The removed key.</param>
        /// <param name="value">The removed value.</param>
        /// <returns><see langword="true"/> when this call removed the key.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public bool TryRemove(TAlternateKey key, [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value) =>
            AlternateSurface<TKey, TValue>.TryRemove(Dictionary, _comparer, key, out actualKey, out value);
    }
}
