using System.Diagnostics.CodeAnalysis;

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
/// </remarks>
public interface IConcurrentMap<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>
    where TKey : notnull
{
    /// <summary>Gets or sets the value for <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">On get, the key is absent.</exception>
    TValue this[TKey key] { get; set; }

    /// <summary>Gets the number of entries. See the implementation for how exact it is under concurrent writes.</summary>
    int Count { get; }

    /// <summary>Gets whether the map holds no entries.</summary>
    bool IsEmpty { get; }

    /// <summary>Looks up <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value when found; otherwise the default.</param>
    /// <returns><see langword="true"/> when the key was present.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value);

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

    /// <summary>Adds <paramref name="addValue"/> if <paramref name="key"/> is absent, otherwise stores <paramref name="updateValueFactory"/>(key, current).</summary>
    /// <returns>The value now stored for the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="updateValueFactory"/> is null.</exception>
    TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory);

    /// <summary>Adds <paramref name="addValueFactory"/>(key) if <paramref name="key"/> is absent, otherwise stores <paramref name="updateValueFactory"/>(key, current).</summary>
    /// <returns>The value now stored for the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or a factory is null.</exception>
    TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory);

    /// <summary>Returns whether <paramref name="key"/> is present.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    bool ContainsKey(TKey key);

    /// <summary>Removes every entry.</summary>
    void Clear();
}
