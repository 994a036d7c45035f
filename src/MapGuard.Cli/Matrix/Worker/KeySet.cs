namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// The keys of one workload, built by <see cref="ShapedKeys"/>: <see cref="Stored"/> go into the map;
/// <see cref="LookupKey"/> makes the instance an operation uses. For strings that is a distinct but equal instance,
/// so every lookup really hashes and compares characters instead of winning on reference equality.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
internal sealed class KeySet<TKey>
{
    private KeySet(TKey[] stored, Func<int, TKey> lookupKey)
    {
        Stored = stored;
        LookupKey = lookupKey;
    }

    /// <summary>The key instances inserted into the map, index i for key i.</summary>
    public TKey[] Stored { get; }

    /// <summary>Returns the key instance an operation on key i uses; equal to <c>Stored[i]</c>.</summary>
    public Func<int, TKey> LookupKey { get; }

    /// <summary><see cref="Workloads.KeyShape.Seq"/>: long keys 0..count-1.</summary>
    public static KeySet<long> CreateSequential(int count) => CreateValues(count, ShapedKeys.Sequential);

    /// <summary><see cref="Workloads.KeyShape.Random"/>: long keys scrambled by SplitMix64, distinct and in no order.</summary>
    public static KeySet<long> CreateRandom(int count) => CreateValues(count, ShapedKeys.Random);

    /// <summary><see cref="Workloads.KeyShape.String"/>: <c>order-000012345</c>; lookups get a fresh equal instance each.</summary>
    public static KeySet<string> CreateShortString(int count) => CreateStrings(count, ShapedKeys.ShortString);

    /// <summary><see cref="Workloads.KeyShape.Url"/>: URL-like strings of 60-80 characters; lookups get a fresh equal instance each.</summary>
    public static KeySet<string> CreateUrl(int count) => CreateStrings(count, ShapedKeys.Url);

    /// <summary><see cref="Workloads.KeyShape.Guid"/>: scrambled <see cref="Guid"/> keys.</summary>
    public static KeySet<Guid> CreateGuid(int count) => CreateValues(count, ShapedKeys.Guid);

    private static KeySet<TValueKey> CreateValues<TValueKey>(int count, Func<int, TValueKey> keyAt)
        where TValueKey : struct
    {
        var keys = new TValueKey[count];
        for (int i = 0; i < count; i++)
        {
            keys[i] = keyAt(i);
        }

        return new KeySet<TValueKey>(keys, i => keys[i]);
    }

    private static KeySet<string> CreateStrings(int count, Func<int, string> keyAt)
    {
        var stored = new string[count];
        for (int i = 0; i < count; i++)
        {
            stored[i] = keyAt(i);
        }

        return new KeySet<string>(stored, i => new string(stored[i].AsSpan()));
    }
}
