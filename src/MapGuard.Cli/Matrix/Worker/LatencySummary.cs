namespace MapGuard.Cli.Matrix.Worker;

/// <summary>Percentiles of the sampled operation latencies, with the timer's own cost taken off.</summary>
/// <param name="P50Ns">The median, in nanoseconds.</param>
/// <param name="P99Ns">The 99th percentile, in nanoseconds.</param>
/// <param name="P999Ns">The 99.9th percentile, in nanoseconds.</param>
/// <param name="Samples">How many operations were timed.</param>
internal sealed record LatencySummary(double P50Ns, double P99Ns, double P999Ns, long Samples)
{
    /// <summary>
    /// Pools the samples of every thread, subtracts <paramref name="overheadTicks"/> from each (clamped at zero) and
    /// takes nearest-rank percentiles.
    /// </summary>
    public static LatencySummary FromSamples<TKey>(IReadOnlyList<ThreadState<TKey>> states, long overheadTicks)
    {
        int total = states.Sum(s => s.SampleCount);
        if (total == 0)
        {
            return new LatencySummary(0, 0, 0, 0);
        }

        var all = new long[total];
        int offset = 0;
        foreach (var state in states)
        {
            Array.Copy(state.Samples, 0, all, offset, state.SampleCount);
            offset += state.SampleCount;
        }

        Array.Sort(all);
        double At(double quantile) => Quantiles.Nanoseconds(Math.Max(0, Quantiles.NearestRank(all, quantile) - overheadTicks));

        return new LatencySummary(At(0.50), At(0.99), At(0.999), total);
    }
}
