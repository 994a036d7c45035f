namespace MapGuard.Internal;

/// <summary>
/// What a map's lookup needs of the key it looks for: its hash in either hash mode, and whether a stored key is it.
/// A struct (or ref struct) implementation makes the JIT compile the lookup once per kind of key, so looking up by an
/// alternate key (<see cref="AlternateKeyProbe{TKey, TAlternate}"/>) shares the map's probing code at no cost.
/// </summary>
/// <typeparam name="TKey">The map's key type.</typeparam>
internal interface IKeyProbe<TKey>
    where TKey : notnull
{
    /// <summary>The hash the map gives the key, in the randomized mode or not (<see cref="KeyComparer{TKey}.Hash(TKey, bool)"/>).</summary>
    uint Hash(bool randomized);

    /// <summary>Whether <paramref name="stored"/> is the key looked for.</summary>
    bool Matches(TKey stored);
}
