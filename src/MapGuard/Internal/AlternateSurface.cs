using System.Diagnostics.CodeAnalysis;

namespace MapGuard.Internal;

/// <summary>
/// The one implementation of <c>ConcurrentDictionary</c>'s <c>AlternateLookup</c> members over a map's lookup by an
/// alternate key (<see cref="IAlternateKeyMap{TKey, TValue}"/>). Reads never create a key. A write first finds the stored
/// key, then acts on it through the map's ordinary members; only an add creates the key
/// (<see cref="IAlternateEqualityComparer{TAlternate, TKey}.Create"/>), as <c>ConcurrentDictionary</c> does.
/// </summary>
/// <remarks>Each member is linearizable: a lookup that finds nothing takes effect at that lookup; otherwise the map's
/// own operation on the stored key does. Exceptions follow dotnet/runtime's <c>ConcurrentDictionary</c> (MIT), from
/// which the behaviour is learned; no code is copied.</remarks>
internal static class AlternateSurface<TKey, TValue>
    where TKey : notnull
{
    /// <summary>The comparer a lookup by <typeparamref name="TAlternate"/> uses, or <see cref="InvalidOperationException"/>.</summary>
    public static IAlternateEqualityComparer<TAlternate, TKey> Compatible<TAlternate>(IAlternateEqualityComparer<TAlternate, TKey>? comparer)
        where TAlternate : notnull, allows ref struct =>
        comparer ?? throw new InvalidOperationException(
            $"The map's key comparer does not implement IAlternateEqualityComparer<{typeof(TAlternate).Name}, {typeof(TKey).Name}>, so it cannot look keys up by {typeof(TAlternate).Name}.");

    /// <summary><c>AlternateLookup.TryGetValue</c>.</summary>
    public static bool TryGetValue<TAlternate>(
        IAlternateKeyMap<TKey, TValue> map, IAlternateEqualityComparer<TAlternate, TKey> comparer, TAlternate key, [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value)
        where TAlternate : notnull, allows ref struct
    {
        ThrowIfNull(key);
        return map.TryGetAlternate(key, comparer, out actualKey, out value);
    }

    /// <summary><c>AlternateLookup</c>'s indexer get: <see cref="KeyNotFoundException"/> when absent.</summary>
    public static TValue Get<TAlternate>(IAlternateKeyMap<TKey, TValue> map, IAlternateEqualityComparer<TAlternate, TKey> comparer, TAlternate key)
        where TAlternate : notnull, allows ref struct
    {
        if (!TryGetValue(map, comparer, key, out _, out TValue? value))
        {
            throw new KeyNotFoundException("The given key was not present in the map.");
        }

        return value;
    }

    /// <summary><c>AlternateLookup</c>'s indexer set: the stored key's value, or a new key.</summary>
    public static void Set<TAlternate>(IAlternateKeyMap<TKey, TValue> map, IAlternateEqualityComparer<TAlternate, TKey> comparer, TAlternate key, TValue value)
        where TAlternate : notnull, allows ref struct
    {
        ThrowIfNull(key);
        map[map.TryGetAlternate(key, comparer, out TKey? actualKey, out _) ? actualKey : comparer.Create(key)] = value;
    }

    /// <summary><c>AlternateLookup.TryAdd</c>: false without creating the key when it is present.</summary>
    public static bool TryAdd<TAlternate>(IAlternateKeyMap<TKey, TValue> map, IAlternateEqualityComparer<TAlternate, TKey> comparer, TAlternate key, TValue value)
        where TAlternate : notnull, allows ref struct
    {
        ThrowIfNull(key);
        return !map.TryGetAlternate(key, comparer, out _, out _) && map.TryAdd(comparer.Create(key), value);
    }

    /// <summary><c>AlternateLookup.TryRemove</c>: removes the stored key equal to <paramref name="key"/>.</summary>
    public static bool TryRemove<TAlternate>(
        IAlternateKeyMap<TKey, TValue> map, IAlternateEqualityComparer<TAlternate, TKey> comparer, TAlternate key, [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value)
        where TAlternate : notnull, allows ref struct
    {
        ThrowIfNull(key);
        if (map.TryGetAlternate(key, comparer, out actualKey, out _) && map.TryRemove(actualKey, out value))
        {
            return true;
        }

        actualKey = default;
        value = default;
        return false;
    }

    /// <summary>Throws <see cref="ArgumentNullException"/> for parameter "key" when <paramref name="key"/> is null.</summary>
    public static void ThrowIfNull<TAlternate>(TAlternate key)
        where TAlternate : notnull, allows ref struct
    {
        if (key is null)
        {
            Throw.ArgumentNull(nameof(key));
        }
    }
}
