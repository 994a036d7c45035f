namespace MapGuard.Compat.Tests.Maps;

/// <summary>
/// One kind of map under test: how to create it empty or from a collection, and the type name a user's code names it
/// by. The compatibility suites are written once against this and run for every entry of <see cref="MapKinds"/>.
/// </summary>
public abstract class MapKind
{
    /// <summary>Gets the name test output shows, e.g. <c>LockFreeMap</c> or <c>MigratingMap(DualWrite)</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Gets the type a user's variables and parameters name, without type arguments and fully qualified (e.g.
    /// <c>MapGuard.LockFreeMap</c>; <c>MapGuard.IConcurrentMap</c> for what <see cref="MapBuilder"/> builds).
    /// </summary>
    public abstract string TypeName { get; }

    /// <summary>Gets whether the type has <c>ConcurrentDictionary</c>'s constructors (wrappers and built maps do not).</summary>
    public virtual bool HasConstructors => false;

    /// <summary>Creates an empty map.</summary>
    public abstract IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull;

    /// <summary>Creates a map holding <paramref name="collection"/>: the collection constructor when the type has one,
    /// otherwise an empty map filled with <c>TryAdd</c> (<see cref="ArgumentException"/> on a repeated key).</summary>
    public virtual IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(collection);
        IConcurrentMap<TKey, TValue> map = Create<TKey, TValue>(comparer);
        foreach (KeyValuePair<TKey, TValue> pair in collection)
        {
            if (!map.TryAdd(pair.Key, pair.Value))
            {
                throw new ArgumentException("The source argument contains duplicate keys.");
            }
        }

        return map;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
