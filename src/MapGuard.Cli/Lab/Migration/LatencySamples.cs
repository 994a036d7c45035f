using System.Diagnostics;
using MapGuard.Cli.Matrix.Worker;

namespace MapGuard.Cli.Lab.Migration;

/// <summary>
/// One worker's timed calls in one stage: every <see cref="Stride"/>-th call is timed. When the buffer fills, every
/// other sample is dropped and the stride doubles, so the samples stay spread evenly over the whole stage in bounded
/// memory. Written by one worker thread; read after it stopped.
/// </summary>
internal sealed class LatencySamples
{
    // 64K samples (512 KB) per worker and stage: a p99 from at least 32K samples is stable to a few percent.
    private const int Capacity = 1 << 16;

    private long[] _ticks = new long[Capacity];

    /// <summary>Gets the current sampling stride (a power of two).</summary>
    public int Stride { get; private set; } = 16;

    /// <summary>Gets the number of samples held.</summary>
    public int Count { get; private set; }

    /// <summary>Records one call's duration in <see cref="Stopwatch"/> ticks.</summary>
    public void Add(long ticks)
    {
        if (Count == _ticks.Length)
        {
            for (int i = 0; i < Count / 2; i++)
            {
                _ticks[i] = _ticks[2 * i];
            }

            Count /= 2;
            Stride *= 2;
        }

        _ticks[Count++] = ticks;
    }

    /// <summary>The <paramref name="percentile"/>-th percentile, in microseconds, over every sample in <paramref name="all"/>;
    /// NaN when there are none.</summary>
    public static double Microseconds(IEnumerable<LatencySamples> all, double percentile)
    {
        long[] merged = [.. all.SelectMany(s => s._ticks.Take(s.Count))];
        if (merged.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(merged);
        return Quantiles.Nanoseconds(Quantiles.NearestRank(merged, percentile / 100)) / 1e3;
    }
}
