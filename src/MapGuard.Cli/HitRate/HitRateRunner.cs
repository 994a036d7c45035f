namespace MapGuard.Cli.HitRate;

/// <summary>
/// Replays each trace against each policy at each cache size, single-threaded, counting hits, and computes the
/// optimal and unbounded bounds beside them (<see cref="ReferenceRates"/>).
/// </summary>
internal static class HitRateRunner
{
    /// <summary>The smallest cache compared: BitFaster's ConcurrentLru needs three keys.</summary>
    public const int MinCapacity = 3;

    /// <summary>Runs the grid; <paramref name="progress"/> hears about each (trace, size) before it starts.</summary>
    public static List<HitRateRow> Run(
        IReadOnlyList<KeyTrace> traces, IReadOnlyList<double> sizePercents, Action<string> progress, CancellationToken cancellationToken)
    {
        var rows = new List<HitRateRow>();
        int step = 0, steps = traces.Count * sizePercents.Count;
        foreach (KeyTrace trace in traces)
        {
            int[] nextUses = ReferenceRates.NextUses(trace.Keys);
            double unbounded = ReferenceRates.Unbounded(nextUses);
            foreach (double percent in sizePercents)
            {
                int capacity = Math.Max(MinCapacity, (int)Math.Round(trace.KeySpace * percent / 100));
                progress($"[{++step}/{steps}] {trace.Name}, cache {percent}% ({capacity:N0} keys)");
                double[] rates = new double[CacheUnderTest.Names.Length];
                for (int policy = 0; policy < rates.Length; policy++)
                {
                    rates[policy] = Replay(CacheUnderTest.Create(CacheUnderTest.Names[policy], capacity), trace.Keys, cancellationToken);
                }

                double optimal = ReferenceRates.Optimal(nextUses, capacity, cancellationToken);
                rows.Add(new HitRateRow(trace.Name, percent, capacity, rates, optimal, unbounded));
            }
        }

        return rows;
    }

    private static double Replay(CacheUnderTest cache, long[] keys, CancellationToken cancellationToken)
    {
        long hits = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (cache.Access(keys[i]))
            {
                hits++;
            }
        }

        return (double)hits / keys.Length;
    }
}
