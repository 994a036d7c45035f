using System.Runtime.CompilerServices;

namespace MapGuard.Internal;

/// <summary>
/// A key of a protected value type (<see cref="KeyHashing{TKey}"/>: integers, <see cref="Guid"/>, padding-free tuples of
/// them) carrying its own seeded hash, so that a <see cref="Dictionary{TKey, TValue}"/> keyed by it needs no comparer.
/// </summary>
/// <remarks>
/// <para>A <see cref="Dictionary{TKey, TValue}"/> given a comparer calls it through its interface, twice per lookup
/// (hash and equality). Without one, for a value-type key it calls <see cref="EqualityComparer{T}.Default"/>, which the
/// JIT devirtualizes and inlines: here <see cref="GetHashCode"/> and <see cref="Equals(SeededKey{TKey})"/>. So the
/// storage keeps <see cref="KeyComparer{TKey}"/>'s flood-proof hash at the price of the default comparer.</para>
/// <para>The seed is drawn once per process and key type (as the runtime's string hash, Marvin, is) and held in a
/// static readonly field, which the JIT reads as a constant once the type is initialized. It decides only which bucket
/// a key lands in; a <see cref="Dictionary{TKey, TValue}"/>'s enumeration order does not depend on it.</para>
/// <para><see cref="ToString"/> is the key's own, so the messages of <see cref="Dictionary{TKey, TValue}"/>'s
/// exceptions ("Key: 42") read as they would for the key itself.</para>
/// </remarks>
/// <param name="key">The key.</param>
internal readonly struct SeededKey<TKey>(TKey key) : IEquatable<SeededKey<TKey>>
    where TKey : notnull
{
    private static readonly KeyComparer<TKey> s_hashing = new(comparer: null);

    /// <summary>The key.</summary>
    public TKey Key { get; } = key;

    /// <summary>Whether a map over <typeparamref name="TKey"/> with <paramref name="comparer"/> can store
    /// <see cref="SeededKey{TKey}"/>: a protected value type under its default equality.</summary>
    /// <param name="comparer">The user's comparer, or null for the default.</param>
    public static bool Applies(IEqualityComparer<TKey>? comparer) =>
        typeof(TKey).IsValueType &&
        KeyHashing<TKey>.Kind is KeyHashKind.Word32 or KeyHashKind.Word64 or KeyHashKind.Chunks &&
        (comparer is null || ReferenceEquals(comparer, EqualityComparer<TKey>.Default));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(SeededKey<TKey> other) => EqualityComparer<TKey>.Default.Equals(Key, other.Key);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SeededKey<TKey> other && Equals(other);

    /// <summary>The key's seeded hash (<see cref="KeyComparer{TKey}.HashInline"/>).</summary>
    /// <returns>The hash.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int GetHashCode() => (int)s_hashing.HashInline(Key, randomized: true);

    /// <summary>The key's own text.</summary>
    /// <returns>The key's <see cref="object.ToString"/>.</returns>
    public override string? ToString() => Key.ToString();
}
