using System.Diagnostics;
using MapGuard.Cli.Matrix.Worker;

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
        return new LatencySummary(Milliseconds(Quantiles.NearestRank(ticks, 0.50)), Milliseconds(Quantiles.NearestRank(ticks, 0.90)),
            Milliseconds(Quantiles.NearestRank(ticks, 0.99)), Milliseconds(ticks[^1]));
    }

    private static double Milliseconds(long ticks) => Quantiles.Nanoseconds(ticks) / 1e6;
}
