using System.Collections;
using System.Diagnostics.CodeAnalysis;
using MapGuard.Internal;

namespace MapGuard;

/// <summary>
/// The contract every MapGuard map implements. Member names and semantics follow
/// <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}"/>, so switching from it
/// means changing one type name.
/// </summary>
/// <typeparam name="TKey">The key type. Null keys are rejected with <see cref="ArgumentNullException"/>.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <remarks>
/// <para><b>Exception safety.</b> A comparer, <c>GetHashCode</c> or value factory that throws propagates to the caller,
/// and the map is left exactly as it was before that call: no torn entry, no lost entry, no broken <see cref="Count"/>.</para>
/// <para>Each implementation documents its consistency model: whether <see cref="Count"/> is exact or a snapshot, how
/// enumeration behaves, whether a value factory can run more than once for one key, and its progress guarantee.</para>
/// <para><b>What is on the interface.</b> The map is an <see cref="IDictionary{TKey, TValue}"/>, an
/// <see cref="IReadOnlyDictionary{TKey, TValue}"/> and a non-generic <see cref="IDictionary"/>, as
/// <c>ConcurrentDictionary</c> is. An implementer writes only the members without a body: the single-key operations,
/// <see cref="Count"/>, <see cref="IsEmpty"/>, <see cref="Clear"/> and <see cref="GetEnumerator"/>. Everything
/// <c>ConcurrentDictionary</c> builds from those (<see cref="Keys"/>, <see cref="Values"/>, <see cref="ToArray"/>, the
/// <c>TArg</c> overloads and every explicit interface member) has a default body here, with
/// <c>ConcurrentDictionary</c>'s exceptions and parameter names; the concrete maps expose the same members publicly
/// and share that one implementation. <see cref="TryRemove(KeyValuePair{TKey, TValue})"/> must be atomic, which no
/// combination of the other members achieves, so its default throws <see cref="NotSupportedException"/>: every
/// MapGuard map overrides it. The key comparer (<c>Comparer</c>) and the constructors are on the concrete maps only:
/// a wrapper cannot always know its inner map's comparer.</para>
/// </remarks>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "The name is the library's contract; the map is a dictionary as ConcurrentDictionary is.")]
public interface IConcurrentMap<TKey, TValue> : IDictionary<TKey, TValue>, IReadOnlyDictionary<TKey, TValue>, IDictionary
    where TKey : notnull
{
    /// <summary>Gets or sets the value for <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">On get, the key is absent.</exception>
    new TValue this[TKey key] { get; set; }

    /// <summary>Gets the number of entries. See the implementation for how exact it is under concurrent writes.</summary>
    new int Count { get; }

    /// <summary>Gets whether the map holds no entries.</summary>
    bool IsEmpty { get; }

    /// <summary>Gets a copy of the keys, as <c>ConcurrentDictionary.Keys</c> does: a read-only collection that later
    /// writes do not change.</summary>
    /// <remarks>The default copies what <see cref="GetEnumerator"/> yields, so it is as consistent as the map's
    /// enumeration (a moment-in-time snapshot only for maps whose enumeration is one).</remarks>
    new ICollection<TKey> Keys => MapSurface<TKey, TValue>.Keys(this);

    /// <summary>Gets a copy of the values, as <c>ConcurrentDictionary.Values</c> does.</summary>
    /// <remarks>As <see cref="Keys"/>.</remarks>
    new ICollection<TValue> Values => MapSurface<TKey, TValue>.Values(this);

    /// <summary>Looks up <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value when found; otherwise the default.</param>
    /// <returns><see langword="true"/> when the key was present.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    new bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value);

    /// <summary>Adds <paramref name="key"/> with <paramref name="value"/> if it is absent.</summary>
    /// <returns><see langword="true"/> when this call added the key; <see langword="false"/> when it was present (the stored value is kept).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    bool TryAdd(TKey key, TValue value);

    /// <summary>Removes <paramref name="key"/> if present.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The removed value when this call removed the key.</param>
    /// <returns><see langword="true"/> when this call removed the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value);

    /// <summary>
    /// Removes <paramref name="item"/>'s key if, atomically, its value equals <paramref name="item"/>'s value under
    /// <see cref="EqualityComparer{T}.Default"/> of <typeparamref name="TValue"/>.
    /// </summary>
    /// <param name="item">The key and the value it must have.</param>
    /// <returns><see langword="true"/> when this call removed the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/>'s key is null (parameter name <c>item</c>).</exception>
    /// <exception cref="NotSupportedException">The default body: an implementation that cannot remove conditionally
    /// and atomically. Every MapGuard map implements it.</exception>
    bool TryRemove(KeyValuePair<TKey, TValue> item) => MapSurface<TKey, TValue>.TryRemoveUnsupported(this, item);

    /// <summary>
    /// Replaces the value of <paramref name="key"/> with <paramref name="newValue"/> if its current value equals
    /// <paramref name="comparisonValue"/> under <see cref="EqualityComparer{T}.Default"/> of <typeparamref name="TValue"/>.
    /// </summary>
    /// <returns><see langword="true"/> when the value was replaced.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue);

    /// <summary>Returns the value of <paramref name="key"/>, adding <paramref name="value"/> first if it is absent.</summary>
    /// <returns>The stored value: the existing one, or <paramref name="value"/> when this call added it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    TValue GetOrAdd(TKey key, TValue value);

    /// <summary>Returns the value of <paramref name="key"/>, adding the result of <paramref name="valueFactory"/> first if it is absent.</summary>
    /// <returns>The stored value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="valueFactory"/> is null.</exception>
    TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory);

    /// <summary>
    /// Returns the value of <paramref name="key"/>, adding <paramref name="valueFactory"/>(key,
    /// <paramref name="factoryArgument"/>) first if it is absent.
    /// </summary>
    /// <remarks>As <c>ConcurrentDictionary</c>'s: a lookup, then, on a miss, the factory (outside any lock of the map)
    /// and <see cref="GetOrAdd(TKey, TValue)"/> of its result. Callers racing on one key may each run the factory; one
    /// result is stored and returned to all of them.</remarks>
    /// <typeparam name="TArg">The type of <paramref name="factoryArgument"/>.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="valueFactory">Makes the value of an absent key.</param>
    /// <param name="factoryArgument">Passed to <paramref name="valueFactory"/>.</param>
    /// <returns>The stored value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="valueFactory"/> is null.</exception>
    TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        MapSurface<TKey, TValue>.GetOrAdd(this, key, valueFactory, factoryArgument);

    /// <summary>Adds <paramref name="addValue"/> if <paramref name="key"/> is absent, otherwise stores <paramref name="updateValueFactory"/>(key, current).</summary>
    /// <returns>The value now stored for the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="updateValueFactory"/> is null.</exception>
    TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory);

    /// <summary>Adds <paramref name="addValueFactory"/>(key) if <paramref name="key"/> is absent, otherwise stores <paramref name="updateValueFactory"/>(key, current).</summary>
    /// <returns>The value now stored for the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or a factory is null.</exception>
    TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory);

    /// <summary>
    /// Adds <paramref name="addValueFactory"/>(key, <paramref name="factoryArgument"/>) if <paramref name="key"/> is
    /// absent, otherwise stores <paramref name="updateValueFactory"/>(key, current, <paramref name="factoryArgument"/>).
    /// </summary>
    /// <remarks>As <c>ConcurrentDictionary</c>'s: the factories run outside any lock of the map, and the call retries
    /// (running them again) until <see cref="TryAdd"/> or <see cref="TryUpdate"/> of their result succeeds.</remarks>
    /// <typeparam name="TArg">The type of <paramref name="factoryArgument"/>.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="addValueFactory">Makes the value of an absent key.</param>
    /// <param name="updateValueFactory">Makes the new value of a present key from its current value.</param>
    /// <param name="factoryArgument">Passed to both factories.</param>
    /// <returns>The value now stored for the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or a factory is null.</exception>
    TValue AddOrUpdate<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        MapSurface<TKey, TValue>.AddOrUpdate(this, key, addValueFactory, updateValueFactory, factoryArgument);

    /// <summary>
    /// Returns the value of <paramref name="key"/>, adding <paramref name="valueFactory"/>(key) first if it is absent;
    /// for one key, the factory runs at most once however many <c>GetOrAddOnce</c> and <c>AddOrUpdateOnce</c> callers race.
    /// </summary>
    /// <remarks>
    /// <para>The caller that finds the key absent claims it and runs the factory; the others block until that run ends
    /// and then return the stored value. If the factory throws, the exception reaches the caller that ran it, nothing
    /// is stored and the claim is released: the next caller (a waiter, or a later call) runs the factory again. A
    /// factory that asks for its own key throws <see cref="InvalidOperationException"/> instead of waiting for itself.
    /// A factory may ask for other keys; calls whose factories wait for each other in a cycle deadlock, as
    /// <see cref="Lazy{T}"/> values would.</para>
    /// <para>The promise covers the <c>Once</c> members only. A plain write (<see cref="TryAdd"/>,
    /// <see cref="GetOrAdd(TKey, TValue)"/>, the indexer) that adds the key while the factory runs wins, and its value
    /// is returned. Entries hold plain values, with no <see cref="Lazy{T}"/> or wrapper per entry: a hit costs one
    /// lookup, and only a miss touches the gate. A map that overrides nothing runs one factory at a time for the whole
    /// map (its comparer is unknown, and claiming keys under another comparer could split one key in two); every
    /// MapGuard map overrides it with a gate per key, under its own comparer (docs/design/drop-in.md). The gate lives in
    /// this process: for a map whose entries other processes share (<c>RedisMap</c>), callers in different processes can
    /// each run the factory.</para>
    /// </remarks>
    /// <param name="key">The key.</param>
    /// <param name="valueFactory">Makes the value of an absent key.</param>
    /// <returns>The stored value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="valueFactory"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The factory asked for its own key.</exception>
    TValue GetOrAddOnce(TKey key, Func<TKey, TValue> valueFactory) =>
        MapSurface<TKey, TValue>.GetOrAddOnce(new PublicOnceOps<TKey, TValue>(this), new ForeignMapGate<TKey>(this), key, valueFactory);

    /// <summary>
    /// <see cref="GetOrAddOnce(TKey, Func{TKey, TValue})"/> with <paramref name="factoryArgument"/> passed to
    /// <paramref name="valueFactory"/>: for one key, the factory runs at most once among racing callers.
    /// </summary>
    /// <remarks>As <see cref="GetOrAddOnce(TKey, Func{TKey, TValue})"/>.</remarks>
    /// <typeparam name="TArg">The type of <paramref name="factoryArgument"/>.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="valueFactory">Makes the value of an absent key.</param>
    /// <param name="factoryArgument">Passed to <paramref name="valueFactory"/>.</param>
    /// <returns>The stored value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="valueFactory"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The factory asked for its own key.</exception>
    TValue GetOrAddOnce<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        MapSurface<TKey, TValue>.GetOrAddOnce(new PublicOnceOps<TKey, TValue>(this), new ForeignMapGate<TKey>(this), key, valueFactory, factoryArgument);

    /// <summary>
    /// Adds <paramref name="addValueFactory"/>(key) if <paramref name="key"/> is absent, otherwise stores
    /// <paramref name="updateValueFactory"/>(key, current); for one absent key, the add factory runs at most once
    /// among racing <c>GetOrAddOnce</c> and <c>AddOrUpdateOnce</c> callers.
    /// </summary>
    /// <remarks>The add runs under the key's claim, with the rules of <see cref="GetOrAddOnce(TKey, Func{TKey, TValue})"/>
    /// (a throwing add factory stores nothing; the next caller runs it again). Callers that waited for it then update the
    /// value it stored. The update is <c>AddOrUpdate</c>'s: outside any claim or lock, retried (running the update
    /// factory again) until a compare-and-swap of its result lands.</remarks>
    /// <param name="key">The key.</param>
    /// <param name="addValueFactory">Makes the value of an absent key.</param>
    /// <param name="updateValueFactory">Makes the new value of a present key from its current value.</param>
    /// <returns>The value now stored for the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or a factory is null.</exception>
    /// <exception cref="InvalidOperationException">The add factory asked for its own key.</exception>
    TValue AddOrUpdateOnce(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) =>
        MapSurface<TKey, TValue>.AddOrUpdateOnce(new PublicOnceOps<TKey, TValue>(this), new ForeignMapGate<TKey>(this), key, addValueFactory, updateValueFactory);

    /// <summary>
    /// <see cref="AddOrUpdateOnce(TKey, Func{TKey, TValue}, Func{TKey, TValue, TValue})"/> with
    /// <paramref name="factoryArgument"/> passed to both factories.
    /// </summary>
    /// <remarks>As <see cref="AddOrUpdateOnce(TKey, Func{TKey, TValue}, Func{TKey, TValue, TValue})"/>.</remarks>
    /// <typeparam name="TArg">The type of <paramref name="factoryArgument"/>.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="addValueFactory">Makes the value of an absent key.</param>
    /// <param name="updateValueFactory">Makes the new value of a present key from its current value.</param>
    /// <param name="factoryArgument">Passed to both factories.</param>
    /// <returns>The value now stored for the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or a factory is null.</exception>
    /// <exception cref="InvalidOperationException">The add factory asked for its own key.</exception>
    TValue AddOrUpdateOnce<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        MapSurface<TKey, TValue>.AddOrUpdateOnce(new PublicOnceOps<TKey, TValue>(this), new ForeignMapGate<TKey>(this), key, addValueFactory, updateValueFactory, factoryArgument);

    /// <summary>Returns whether <paramref name="key"/> is present.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    new bool ContainsKey(TKey key);

    /// <summary>Removes every entry.</summary>
    new void Clear();

    /// <summary>Copies the entries to a new array, as <c>ConcurrentDictionary.ToArray</c> does.</summary>
    /// <remarks>As <see cref="Keys"/>: as consistent as the map's enumeration.</remarks>
    /// <returns>The entries; an empty array when there are none.</returns>
    KeyValuePair<TKey, TValue>[] ToArray() => MapSurface<TKey, TValue>.ToArray(this);

    /// <summary>Returns an enumerator over the entries. See the implementation for its consistency.</summary>
    /// <remarks>MapGuard's maps return an enumerator that behaves as <c>ConcurrentDictionary</c>'s: it never throws,
    /// <c>Current</c> is the default before the first <c>MoveNext</c> and keeps the last entry after the end, and
    /// <c>Reset</c> starts a fresh walk.</remarks>
    /// <returns>The enumerator.</returns>
    new IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator();

    // The explicit members below give every implementation ConcurrentDictionary's dictionary interfaces.

    ICollection<TKey> IDictionary<TKey, TValue>.Keys => Keys;

    ICollection<TValue> IDictionary<TKey, TValue>.Values => Values;

    IEnumerable<TKey> IReadOnlyDictionary<TKey, TValue>.Keys => Keys;

    IEnumerable<TValue> IReadOnlyDictionary<TKey, TValue>.Values => Values;

    void IDictionary<TKey, TValue>.Add(TKey key, TValue value) => MapSurface<TKey, TValue>.Add(this, key, value);

    bool IDictionary<TKey, TValue>.Remove(TKey key) => TryRemove(key, out _);

    bool ICollection<KeyValuePair<TKey, TValue>>.IsReadOnly => false;

    void ICollection<KeyValuePair<TKey, TValue>>.Add(KeyValuePair<TKey, TValue> item) =>
        MapSurface<TKey, TValue>.Add(this, item.Key, item.Value);

    bool ICollection<KeyValuePair<TKey, TValue>>.Contains(KeyValuePair<TKey, TValue> item) =>
        MapSurface<TKey, TValue>.Contains(this, item);

    void ICollection<KeyValuePair<TKey, TValue>>.CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex) =>
        MapSurface<TKey, TValue>.CopyTo(this, array, arrayIndex);

    bool ICollection<KeyValuePair<TKey, TValue>>.Remove(KeyValuePair<TKey, TValue> item) => TryRemove(item);

    bool IDictionary.IsFixedSize => false;

    bool IDictionary.IsReadOnly => false;

    ICollection IDictionary.Keys => MapSurface<TKey, TValue>.Keys(this);

    ICollection IDictionary.Values => MapSurface<TKey, TValue>.Values(this);

    object? IDictionary.this[object key]
    {
        get => MapSurface<TKey, TValue>.GetObject(this, key);
        set => MapSurface<TKey, TValue>.SetObject(this, key, value);
    }

    void IDictionary.Add(object key, object? value) => MapSurface<TKey, TValue>.AddObject(this, key, value);

    bool IDictionary.Contains(object key) => MapSurface<TKey, TValue>.ContainsObject(this, key);

    void IDictionary.Remove(object key) => MapSurface<TKey, TValue>.RemoveObject(this, key);

    IDictionaryEnumerator IDictionary.GetEnumerator() => new MapDictionaryEnumerator<TKey, TValue>(GetEnumerator());

    bool ICollection.IsSynchronized => false;

    object ICollection.SyncRoot => throw new NotSupportedException("The SyncRoot property may not be used for the synchronization of concurrent collections.");

    void ICollection.CopyTo(Array array, int index) => MapSurface<TKey, TValue>.CopyTo(this, array, index);
}
