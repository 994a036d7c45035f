namespace MapGuard.Cli.HitRate;

/// <summary>The hit rates of every policy on one trace at one cache size, and the two bounds beside them.</summary>
/// <param name="Trace">The trace's name.</param>
/// <param name="SizePercent">The cache size as a percentage of the trace's key space.</param>
/// <param name="Capacity">The cache size in keys.</param>
/// <param name="HitRates">Hit rate per policy, in <see cref="CacheUnderTest.Names"/> order.</param>
/// <param name="Optimal">Belady's optimal offline policy at the same size (<see cref="ReferenceRates.Optimal"/>).</param>
/// <param name="Unbounded">A cache that never evicts: the compulsory-miss ceiling, the same at every size.</param>
internal sealed record HitRateRow(string Trace, double SizePercent, int Capacity, double[] HitRates, double Optimal, double Unbounded)
{
    /// <summary>The reference columns printed after the policies.</summary>
    public static readonly string[] ReferenceNames = ["Belady optimal", "Unbounded"];

    /// <summary>MapGuard's Lru at least BitFaster's ConcurrentLru, and TinyLfu at least ConcurrentLfu.</summary>
    public bool MeetsTargets => HitRates[0] >= HitRates[2] && HitRates[1] >= HitRates[3];

    /// <summary>Every column: the policies, then <see cref="ReferenceNames"/>.</summary>
    public IEnumerable<double> AllRates => [.. HitRates, Optimal, Unbounded];
}
