namespace MapGuard.Internal;

/// <summary>A lookup by an alternate key (a <see cref="ReadOnlySpan{T}"/> of <see cref="char"/> for a string key): the
/// hash and equality twins in <see cref="KeyComparer{TKey}"/>.</summary>
/// <typeparam name="TKey">The map's key type.</typeparam>
/// <typeparam name="TAlternate">The alternate key type.</typeparam>
internal readonly ref struct AlternateKeyProbe<TKey, TAlternate> : IKeyProbe<TKey>
    where TKey : notnull
    where TAlternate : notnull, allows ref struct
{
    private readonly ref readonly KeyComparer<TKey> _keys;
    private readonly TAlternate _key;
    private readonly IAlternateEqualityComparer<TAlternate, TKey> _comparer;

    public AlternateKeyProbe(ref readonly KeyComparer<TKey> keys, TAlternate key, IAlternateEqualityComparer<TAlternate, TKey> comparer)
    {
        _keys = ref keys;
        _key = key;
        _comparer = comparer;
    }

    public uint Hash(bool randomized) => _keys.HashAlternate(_key, _comparer, randomized);

    public bool Matches(TKey stored) => _keys.KeysEqualAlternate(stored, _key, _comparer);
}
