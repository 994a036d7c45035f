namespace MapGuard.Testing.Governance;

/// <summary>
/// A scan against a map of 100: 90 frequent keys, read 20 rounds each (and added on a miss), then 500 keys seen once.
/// More frequent keys than the protected segment holds, so about a dozen wait in probation, where only the admission
/// filter stands between them and the scan.
/// </summary>
public static class ScanScenario
{
    /// <summary>The frequent keys.</summary>
    public const int FrequentKeys = 90;

    /// <summary>The capacity the scenario is built for.</summary>
    public const int Capacity = 100;

    /// <summary>Runs the scenario on <paramref name="map"/> (capacity <see cref="Capacity"/>) and returns how many
    /// frequent keys are still in it.</summary>
    /// <exception cref="InvalidOperationException">The map does not hold exactly <see cref="Capacity"/> keys at the end.</exception>
    public static int FrequentKeysSurviving(IConcurrentMap<int, int> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        for (int round = 0; round < 20; round++)
        {
            for (int hot = 0; hot < FrequentKeys; hot++)
            {
                if (!map.TryGetValue(hot, out _))
                {
                    map[hot] = hot;
                }
            }
        }

        for (int scan = 1_000; scan < 1_500; scan++)
        {
            map[scan] = scan; // each seen once: never more popular than a frequent key
        }

        if (map.Count != Capacity)
        {
            throw new InvalidOperationException($"The map holds {map.Count} keys after the scan, not its capacity of {Capacity}.");
        }

        return Enumerable.Range(0, FrequentKeys).Count(map.ContainsKey);
    }
}
