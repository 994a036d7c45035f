using MapGuard.Internal;

namespace MapGuard;

/// <summary>
/// <c>ConcurrentDictionary</c>'s surface on <see cref="MigratingMap{TKey, TValue}"/>: <c>Comparer</c>, the snapshots and
/// the <c>TArg</c> overloads, shared with every map through <c>MapSurface</c>. The map wraps two maps, so it has none of
/// <c>ConcurrentDictionary</c>'s constructors.
/// </summary>
public sealed partial class MigratingMap<TKey, TValue>
{
    /// <summary>Gets the key comparer passed to the constructor, or <see cref="EqualityComparer{T}.Default"/>.</summary>
    public IEqualityComparer<TKey> Comparer => _keys.Comparer;

    /// <inheritdoc/>
    public ICollection<TKey> Keys => MapSurface<TKey, TValue>.Keys(this);

    /// <inheritdoc/>
    public ICollection<TValue> Values => MapSurface<TKey, TValue>.Values(this);

    /// <inheritdoc/>
    public KeyValuePair<TKey, TValue>[] ToArray() => MapSurface<TKey, TValue>.ToArray(this);

    /// <inheritdoc/>
    public TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        MapSurface<TKey, TValue>.GetOrAdd(this, key, valueFactory, factoryArgument);

    /// <inheritdoc/>
    public TValue AddOrUpdate<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        MapSurface<TKey, TValue>.AddOrUpdate(this, key, addValueFactory, updateValueFactory, factoryArgument);
}
