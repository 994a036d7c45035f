using MapGuard.Internal;

namespace MapGuard;

/// <remarks>
/// <para><b>Drop-in for <c>ConcurrentDictionary</c></b> (docs/design/drop-in.md): <c>Comparer</c>, <c>Keys</c>,
/// <c>Values</c>, <c>ToArray</c>, the <c>TArg</c> overloads, an atomic <c>TryRemove(KeyValuePair)</c>, its dictionary
/// interfaces and its enumerator behaviour, the same in every phase. Differences: it wraps two maps, so it has none of
/// <c>ConcurrentDictionary</c>'s constructors; <c>Keys</c>, <c>Values</c> and <c>ToArray</c> copy a weakly consistent
/// enumeration.</para>
/// </remarks>
public sealed partial class MigratingMap<TKey, TValue>
{
    // The GetOrAddOnce gate, created on first use. PUBLISHED BY: Interlocked.CompareExchange in FactoryGate.For;
    // READ WITH: Volatile.Read there.
    private FactoryGate<TKey>? _factoryGate;

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

    /// <inheritdoc/>
    /// <remarks>The gate claims keys under this map's <see cref="Comparer"/>, one key at a time
    /// (docs/design/drop-in.md); it is allocated on the first <c>Once</c> call.</remarks>
    public TValue GetOrAddOnce(TKey key, Func<TKey, TValue> valueFactory) =>
        MapSurface<TKey, TValue>.GetOrAddOnce(new PublicOnceOps<TKey, TValue>(this), FactoryGate<TKey>.For(ref _factoryGate, Comparer), key, valueFactory);

    /// <inheritdoc/>
    public TValue GetOrAddOnce<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        MapSurface<TKey, TValue>.GetOrAddOnce(new PublicOnceOps<TKey, TValue>(this), FactoryGate<TKey>.For(ref _factoryGate, Comparer), key, valueFactory, factoryArgument);

    /// <inheritdoc/>
    public TValue AddOrUpdateOnce(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) =>
        MapSurface<TKey, TValue>.AddOrUpdateOnce(new PublicOnceOps<TKey, TValue>(this), FactoryGate<TKey>.For(ref _factoryGate, Comparer), key, addValueFactory, updateValueFactory);

    /// <inheritdoc/>
    public TValue AddOrUpdateOnce<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        MapSurface<TKey, TValue>.AddOrUpdateOnce(new PublicOnceOps<TKey, TValue>(this), FactoryGate<TKey>.For(ref _factoryGate, Comparer), key, addValueFactory, updateValueFactory, factoryArgument);
}
