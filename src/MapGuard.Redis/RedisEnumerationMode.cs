namespace MapGuard.Redis;

/// <summary>How <see cref="RedisMap{TKey, TValue}"/> reads its entries for enumeration.</summary>
public enum RedisEnumerationMode
{
    /// <summary><see cref="Snapshot"/> on Garnet, <see cref="Scan"/> on every other server.</summary>
    Auto,

    /// <summary>
    /// <c>HSCAN</c> in pages, de-duplicated on the client: weakly consistent. Needs the server's SCAN guarantee that an
    /// entry present for the whole enumeration is returned; Redis gives it, Garnet 2.2.8 does not (its cursor counts
    /// live fields, so a removal behind the cursor makes it skip one).
    /// </summary>
    Scan,

    /// <summary>One <c>HGETALL</c>: a moment-in-time snapshot, read in one reply. Right for small and medium maps.</summary>
    Snapshot,
}
