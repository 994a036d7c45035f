namespace MapGuard.Internal;

/// <summary>
/// Hands a <see cref="KeyComparer{TKey}"/>'s seeded hash to a BCL collection (<see cref="Dictionary{TKey, TValue}"/>,
/// <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}"/>), for key types whose own hash code
/// can be forced to collide.
/// </summary>
internal sealed class SeededKeyComparer<TKey> : IEqualityComparer<TKey>
    where TKey : notnull
{
    private readonly KeyComparer<TKey> _keys;

    public SeededKeyComparer(KeyComparer<TKey> keys) => _keys = keys;

    public bool Equals(TKey? x, TKey? y) => EqualityComparer<TKey>.Default.Equals(x, y);

    public int GetHashCode(TKey obj) => (int)_keys.Hash(obj);
}
