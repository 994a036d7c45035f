namespace MapGuard.Internal;

/// <summary>Facts about a value type that decide how a map may store it.</summary>
internal static class ValueTraits<TValue>
{
    /// <summary>
    /// Whether a <typeparamref name="TValue"/> is written and read in one machine access, so a racing reader can
    /// never see half of it: references, and primitives no wider than a pointer.
    /// </summary>
    public static readonly bool IsWriteAtomic = ComputeIsWriteAtomic();

    private static bool ComputeIsWriteAtomic()
    {
        Type type = typeof(TValue);
        if (!type.IsValueType || type == typeof(nint) || type == typeof(nuint))
        {
            return true;
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean or TypeCode.Byte or TypeCode.SByte or TypeCode.Char or TypeCode.Int16 or
            TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Single => true,
            TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Double => IntPtr.Size == 8,
            _ => false,
        };
    }
}
