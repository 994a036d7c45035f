using System.Diagnostics;

namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// The one latency summary rule of the repository: the nearest-rank quantile of sorted <see cref="Stopwatch"/> tick
/// samples, and the tick conversions. The matrix, the lab and FlashSale's load generator (as a linked file) all use it,
/// so a p99 means the same thing in each of their outputs.
/// </summary>
internal static class Quantiles
{
    /// <summary>
    /// The nearest-rank <paramref name="quantile"/> of <paramref name="sorted"/>: the smallest sample with at least that
    /// share of the samples at or below it. Zero for no samples.
    /// </summary>
    /// <param name="sorted">Samples in ascending order.</param>
    /// <param name="quantile">The quantile, 0 to 1 (0.99 for p99).</param>
    public static long NearestRank(ReadOnlySpan<long> sorted, double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1.0);
        if (sorted.IsEmpty)
        {
            return 0;
        }

        int rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>Converts <see cref="Stopwatch"/> ticks to nanoseconds.</summary>
    public static double Nanoseconds(long ticks) => ticks * (1e9 / Stopwatch.Frequency);
}
