using System.Collections;

namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>A broken dictionary whose Count is -1; every other member throws.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class NegativeCountDictionary<TKey, TValue> : IDictionary<TKey, TValue>
{
    /// <inheritdoc/>
    public int Count => -1;

    /// <inheritdoc/>
    public TValue this[TKey key] { get => throw new NotImplementedException(); set => throw new NotImplementedException(); }

    /// <inheritdoc/>
    public bool IsReadOnly => throw new NotImplementedException();

    /// <inheritdoc/>
    public ICollection<TKey> Keys => throw new NotImplementedException();

    /// <inheritdoc/>
    public ICollection<TValue> Values => throw new NotImplementedException();

    /// <inheritdoc/>
    public void Add(KeyValuePair<TKey, TValue> item) => throw new NotImplementedException();

    /// <inheritdoc/>
    public void Add(TKey key, TValue value) => throw new NotImplementedException();

    /// <inheritdoc/>
    public void Clear() => throw new NotImplementedException();

    /// <inheritdoc/>
    public bool Contains(KeyValuePair<TKey, TValue> item) => throw new NotImplementedException();

    /// <inheritdoc/>
    public bool ContainsKey(TKey key) => throw new NotImplementedException();

    /// <inheritdoc/>
    public void CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex) => throw new NotImplementedException();

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => throw new NotImplementedException();

    /// <inheritdoc/>
    public bool Remove(KeyValuePair<TKey, TValue> item) => throw new NotImplementedException();

    /// <inheritdoc/>
    public bool Remove(TKey key) => throw new NotImplementedException();

    /// <inheritdoc/>
    public bool TryGetValue(TKey key, out TValue value) => throw new NotImplementedException();

    IEnumerator IEnumerable.GetEnumerator() => throw new NotImplementedException();
}
