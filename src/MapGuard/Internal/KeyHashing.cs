using System.Runtime.CompilerServices;

namespace MapGuard.Internal;

/// <summary>
/// Classifies <typeparamref name="TKey"/> once per type: which <see cref="KeyHashKind"/> its default equality gets.
/// Static readonly, so the JIT folds the checks in <see cref="KeyComparer{TKey}.Hash(TKey, bool)"/> to the one branch that applies.
/// </summary>
internal static class KeyHashing<TKey>
{
    /// <summary>The hashing this key type gets under its default equality.</summary>
    public static readonly KeyHashKind Kind = Classify();

    /// <summary>For <see cref="KeyHashKind.Chunks"/>: how many leading 32-bit chunks hold the key's value; otherwise 0.</summary>
    public static readonly int Chunks = Kind == KeyHashKind.Chunks ? ValueBytes() / sizeof(uint) : 0;

    private static KeyHashKind Classify()
    {
        Type type = typeof(TKey);
        if (type == typeof(string))
        {
            return KeyHashKind.RandomizedString;
        }

        if (type == typeof(int) || type == typeof(uint))
        {
            return KeyHashKind.Word32;
        }

        if (type == typeof(long) || type == typeof(ulong) || type == typeof(nint) || type == typeof(nuint))
        {
            return KeyHashKind.Word64;
        }

        return type == typeof(Guid) || (IsValueTuple(type) && PackedSize(type) > 0 && LeadingBytesDecideEquality(PackedSize(type)))
            ? KeyHashKind.Chunks
            : KeyHashKind.Unprotected;
    }

    private static int ValueBytes() => typeof(TKey) == typeof(Guid) ? 16 : PackedSize(typeof(TKey));

    /// <summary>
    /// Proves, through the key's own default equality, that its first <paramref name="packed"/> bytes are exactly what
    /// equality compares: flipping any one of them makes a key unequal to default, and filling every byte after them
    /// does not. A key hashed by its bytes must not hash padding: padding is not part of equality and may hold
    /// anything. (Value tuples use automatic layout, which on CoreCLR puts fields largest first, leaving any padding at
    /// the end; this check does not rely on that, it rejects any other layout.)
    /// </summary>
    private static bool LeadingBytesDecideEquality(int packed)
    {
        int size = Unsafe.SizeOf<TKey>();
        if (packed % sizeof(uint) != 0 || packed > size)
        {
            return false;
        }

        TKey zero = default!;
        for (int i = 0; i < size; i++)
        {
            TKey probe = default!;
            Unsafe.Add(ref Unsafe.As<TKey, byte>(ref probe), i) = i < packed ? (byte)1 : (byte)0xFF;
            bool equal = EqualityComparer<TKey>.Default.Equals(zero, probe);
            if (equal == (i < packed))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValueTuple(Type type)
    {
        if (!type.IsGenericType)
        {
            return false;
        }

        Type definition = type.GetGenericTypeDefinition();
        return definition == typeof(ValueTuple<,>) || definition == typeof(ValueTuple<,,>) ||
            definition == typeof(ValueTuple<,,,>) || definition == typeof(ValueTuple<,,,,>) ||
            definition == typeof(ValueTuple<,,,,,>) || definition == typeof(ValueTuple<,,,,,,>);
    }

    /// <summary>The sum of the element sizes when every element is a protected type; -1 otherwise.</summary>
    private static int PackedSize(Type tuple)
    {
        int size = 0;
        foreach (Type element in tuple.GetGenericArguments())
        {
            int elementSize = ElementSize(element);
            if (elementSize < 0)
            {
                return -1;
            }

            size += elementSize;
        }

        return size;
    }

    private static int ElementSize(Type element) =>
        element == typeof(int) || element == typeof(uint) ? 4 :
        element == typeof(long) || element == typeof(ulong) ? 8 :
        element == typeof(nint) || element == typeof(nuint) ? IntPtr.Size :
        element == typeof(Guid) ? 16 :
        -1;
}
