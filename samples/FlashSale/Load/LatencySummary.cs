using System.Diagnostics;

namespace FlashSale.Load;

/// <summary>Latency percentiles of a load run, in milliseconds (nearest rank over every request).</summary>
/// <param name="P50">The median.</param>
/// <param name="P90">The 90th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="Max">The slowest request.</param>
internal sealed record LatencySummary(double P50, double P90, double P99, double Max)
{
    /// <summary>Summarises <paramref name="ticks"/>, request times in <see cref="Stopwatch"/> ticks; sorts it in place.</summary>
    /// <param name="ticks">The request times; empty gives all zeros.</param>
    public static LatencySummary FromTicks(long[] ticks)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        if (ticks.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0);
        }

        Array.Sort(ticks);
        return new LatencySummary(Percentile(ticks, 0.50), Percentile(ticks, 0.90), Percentile(ticks, 0.99), Milliseconds(ticks[^1]));
    }

    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="fraction"/> of values at or below it.</summary>
    private static double Percentile(long[] sorted, double fraction)
    {
        int rank = (int)Math.Ceiling(fraction * sorted.Length);
        return Milliseconds(sorted[Math.Clamp(rank, 1, sorted.Length) - 1]);
    }

    private static double Milliseconds(long ticks) => ticks * 1_000.0 / Stopwatch.Frequency;
}
