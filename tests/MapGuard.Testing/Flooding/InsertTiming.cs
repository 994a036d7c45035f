using System.Diagnostics;

namespace MapGuard.Testing.Flooding;

/// <summary>
/// Compares the time to insert an adversarial key set with the time to insert a random one of the same size, in
/// the same process and the same test: a ratio, so it holds on a slow or busy machine.
/// </summary>
public static class InsertTiming
{
    /// <summary>The ratio the hash-flooding issue allows.</summary>
    public const double AllowedRatio = 3.0;

    /// <summary>
    /// Best-of-<paramref name="rounds"/> insert times for both sets into fresh maps from <paramref name="create"/>,
    /// alternating the sets so drift hits both alike, and checks each map ends with every key.
    /// </summary>
    public static (TimeSpan Random, TimeSpan Adversarial) Measure<TKey>(
        Func<IConcurrentMap<TKey, long>> create, TKey[] random, TKey[] adversarial, int rounds = 3)
        where TKey : notnull =>
        Measure(keys => InsertInto(create(), keys), random, adversarial, rounds);

    /// <summary>
    /// As <see cref="Measure{TKey}(Func{IConcurrentMap{TKey, long}}, TKey[], TKey[], int)"/>, for any collection:
    /// <paramref name="insertAll"/> fills a fresh one with the keys and returns its count.
    /// </summary>
    public static (TimeSpan Random, TimeSpan Adversarial) Measure<TKey>(
        Func<TKey[], int> insertAll, TKey[] random, TKey[] adversarial, int rounds = 3)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(insertAll);
        TimeSpan bestRandom = TimeSpan.MaxValue, bestAdversarial = TimeSpan.MaxValue;
        // JIT warm-up of both sets' paths, so neither is timed while some of its code still waits for tier 1.
        Insert(insertAll, random.AsSpan(0, Math.Min(2_000, random.Length)).ToArray());
        Insert(insertAll, adversarial.AsSpan(0, Math.Min(2_000, adversarial.Length)).ToArray());
        for (int round = 0; round < rounds; round++)
        {
            bestRandom = Min(bestRandom, Insert(insertAll, random));
            bestAdversarial = Min(bestAdversarial, Insert(insertAll, adversarial));
        }

        return (bestRandom, bestAdversarial);
    }

    /// <summary>A readable line for a failed ratio check.</summary>
    public static string Describe(string subject, (TimeSpan Random, TimeSpan Adversarial) times) =>
        $"{subject}: random {times.Random.TotalMilliseconds:F1} ms, adversarial {times.Adversarial.TotalMilliseconds:F1} ms, " +
        $"ratio {times.Adversarial / times.Random:F2} (allowed {AllowedRatio})";

    private static int InsertInto<TKey>(IConcurrentMap<TKey, long> map, TKey[] keys)
        where TKey : notnull
    {
        for (int i = 0; i < keys.Length; i++)
        {
            map[keys[i]] = i;
        }

        return map.Count;
    }

    private static TimeSpan Insert<TKey>(Func<TKey[], int> insertAll, TKey[] keys)
        where TKey : notnull
    {
        long start = Stopwatch.GetTimestamp();
        int count = insertAll(keys);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        if (count != keys.Length)
        {
            throw new InvalidOperationException($"A collection holds {count} keys after {keys.Length} distinct inserts.");
        }

        return elapsed;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
