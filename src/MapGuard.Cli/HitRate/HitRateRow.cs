namespace MapGuard.Cli.HitRate;

/// <summary>The hit rates of every policy on one trace at one cache size.</summary>
/// <param name="Trace">The trace's name.</param>
/// <param name="SizePercent">The cache size as a percentage of the trace's key space.</param>
/// <param name="Capacity">The cache size in keys.</param>
/// <param name="HitRates">Hit rate per policy, in <see cref="CacheUnderTest.Names"/> order.</param>
internal sealed record HitRateRow(string Trace, double SizePercent, int Capacity, double[] HitRates)
{
    /// <summary>MapGuard's Lru at least BitFaster's ConcurrentLru, and TinyLfu at least ConcurrentLfu.</summary>
    public bool MeetsTargets => HitRates[0] >= HitRates[2] && HitRates[1] >= HitRates[3];
}
