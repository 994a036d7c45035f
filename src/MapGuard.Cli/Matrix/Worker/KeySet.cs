using System.Globalization;

namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// The keys of one workload: <see cref="Stored"/> go into the map; <see cref="LookupKey"/> makes the instance an
/// operation uses. For strings that is a distinct but equal instance, so every lookup really hashes and compares
/// characters instead of winning on reference equality.
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

    /// <summary>
    /// Long keys: a bijective scramble of the index, so keys are distinct but not sequential (sequential longs would
    /// hash to consecutive buckets, a best case no real key set has).
    /// </summary>
    public static KeySet<long> CreateLong(int count)
    {
        var keys = new long[count];
        for (int i = 0; i < count; i++)
        {
            keys[i] = (long)SplitMix64.Mix((ulong)i);
        }

        return new KeySet<long>(keys, i => keys[i]);
    }

    /// <summary>String keys: the scrambled index as 16 hex characters; lookups get a fresh equal instance each.</summary>
    public static KeySet<string> CreateString(int count)
    {
        var stored = new string[count];
        for (int i = 0; i < count; i++)
        {
            stored[i] = SplitMix64.Mix((ulong)i).ToString("x16", CultureInfo.InvariantCulture);
        }

        return new KeySet<string>(stored, i => new string(stored[i].AsSpan()));
    }
}
