using System.Runtime.CompilerServices;

namespace MapGuard.Internal;

/// <summary>
/// How a map hashes and compares its keys: the one place for the value-type fast path and the null-key check that
/// every hashing map needs.
/// </summary>
internal readonly struct KeyComparer<TKey>
    where TKey : notnull
{
    // Null when TKey is a value type compared by its default equality: EqualityComparer<TKey>.Default is then called
    // directly, which the JIT devirtualises and inlines; through an interface field it could not.
    private readonly IEqualityComparer<TKey>? _comparer;

    public KeyComparer(IEqualityComparer<TKey>? comparer) =>
        _comparer = typeof(TKey).IsValueType && (comparer is null || ReferenceEquals(comparer, EqualityComparer<TKey>.Default))
            ? null
            : comparer ?? EqualityComparer<TKey>.Default;

    /// <summary>The comparer to hand to a BCL collection; null means its default.</summary>
    public IEqualityComparer<TKey>? Comparer => _comparer;

    /// <summary>The key's hash code as the user's comparer defines it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Hash(TKey key) =>
        (uint)(typeof(TKey).IsValueType && _comparer is null
            ? EqualityComparer<TKey>.Default.GetHashCode(key)
            : _comparer!.GetHashCode(key));

    /// <summary>Whether a stored key and a looked-up key are the same key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool KeysEqual(TKey stored, TKey key) =>
        typeof(TKey).IsValueType && _comparer is null
            ? EqualityComparer<TKey>.Default.Equals(stored, key)
            : _comparer!.Equals(stored, key);

    /// <summary>Throws <see cref="ArgumentNullException"/> for parameter "key" when <paramref name="key"/> is null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfNull(TKey key)
    {
        if (key is null)
        {
            Throw.ArgumentNull(nameof(key));
        }
    }
}
