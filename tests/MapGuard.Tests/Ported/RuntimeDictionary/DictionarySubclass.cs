namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>A <see cref="Dictionary{TKey, TValue}"/> subclass filled entry by entry: a copy source that is not exactly Dictionary.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class DictionarySubclass<TKey, TValue> : Dictionary<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Copies <paramref name="source"/> with Add.</summary>
    public DictionarySubclass(IDictionary<TKey, TValue> source)
    {
        foreach (KeyValuePair<TKey, TValue> pair in source)
        {
            Add(pair.Key, pair.Value);
        }
    }
}
