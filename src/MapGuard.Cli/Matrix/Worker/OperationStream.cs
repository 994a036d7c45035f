using System.Numerics;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// The operations one thread runs, drawn before timing starts so random numbers and Zipf cost stay out of the
/// measured loop. The loop walks the stream in order and wraps around (the length is a power of two).
/// </summary>
/// <remarks>
/// The stream holds the key itself, not an index into a key array: an index would add a random read of that array
/// to every operation, a cache miss that belongs to the benchmark, not to the map. String keys are fresh instances
/// laid out in stream order, like a key parsed from a request moments before the lookup.
/// </remarks>
internal static class OperationStream
{
    /// <summary>Most operations per stream: 1 Mi (16 MB for long keys), read sequentially so the prefetcher hides it.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>Fewest operations per stream.</summary>
    public const int MinLength = 1 << 14;

    /// <summary>
    /// The stream length for <paramref name="threads"/> threads: 1 Mi operations in all (512 Ki for the string shapes,
    /// which also allocate one string per operation), as a power of two per thread within the bounds.
    /// </summary>
    public static int LengthFor(int threads, KeyShape keyShape)
    {
        int total = keyShape is KeyShape.String or KeyShape.Url ? 1 << 19 : 1 << 20;
        int perThread = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, total / threads));
        return Math.Clamp(perThread, MinLength, MaxLength);
    }

    /// <summary>
    /// Draws one thread's stream. <paramref name="rankToKey"/> maps Zipf ranks to key indexes so hot keys are spread
    /// over the table instead of being the first ones inserted; it is null for uniform workloads.
    /// <paramref name="lookupKey"/> returns the instance to use for key index i.
    /// </summary>
    public static Operation<TKey>[] Create<TKey>(Workload workload, int length, ulong seed, ZipfGenerator? zipf, int[]? rankToKey, Func<int, TKey> lookupKey)
    {
        var rng = new SplitMix64(seed);
        var operations = new Operation<TKey>[length];
        for (int i = 0; i < operations.Length; i++)
        {
            int key = zipf is null ? rng.NextInt(workload.Keys) : rankToKey![zipf.Next(rng.NextDouble())];
            bool write = rng.NextDouble() * 100.0 >= workload.ReadPercent;
            operations[i] = new Operation<TKey>(lookupKey(key), write);
        }

        return operations;
    }

    /// <summary>A seeded random permutation of 0..n-1 (Fisher-Yates).</summary>
    public static int[] Permutation(int n, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var permutation = new int[n];
        for (int i = 0; i < n; i++)
        {
            permutation[i] = i;
        }

        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }

        return permutation;
    }
}
