using System.Diagnostics.CodeAnalysis;

namespace MapGuard.Internal;

/// <summary>A map that can look a key up by an alternate key without creating it: what <see cref="AlternateSurface{TKey, TValue}"/> builds on.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
internal interface IAlternateKeyMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    /// <summary>
    /// Looks up the key equal to <paramref name="key"/> under <paramref name="comparer"/>, which must be the map's own
    /// comparer, and gives the stored key and its value. Linearizable as <c>TryGetValue</c>, and allocates nothing.
    /// </summary>
    bool TryGetAlternate<TAlternate>(TAlternate key, IAlternateEqualityComparer<TAlternate, TKey> comparer, [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value)
        where TAlternate : notnull, allows ref struct;
}
