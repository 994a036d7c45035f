namespace MapGuard.Internal;

/// <summary>How <see cref="KeyComparer{TKey}"/> hashes a key type compared by its default equality.</summary>
internal enum KeyHashKind
{
    /// <summary>Not strengthened: the key's own hash code, mixed with the map's seed; chosen keys can still collide.</summary>
    Unprotected,

    /// <summary><see cref="int"/> or <see cref="uint"/>: one seeded multiply-add over the 32-bit value.</summary>
    Word32,

    /// <summary><see cref="long"/>, <see cref="ulong"/>, <see cref="nint"/> or <see cref="nuint"/>: one seeded multiply over all 64 bits.</summary>
    Word64,

    /// <summary><see cref="Guid"/>, or a padding-free value tuple of protected types: a seeded multiply per 32-bit chunk.</summary>
    Chunks,

    /// <summary><see cref="string"/>: its default hash is already randomized (Marvin, seeded per process).</summary>
    RandomizedString,
}
