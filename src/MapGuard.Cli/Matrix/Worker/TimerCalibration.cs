using System.Diagnostics;

namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// Measures what two back-to-back <see cref="Stopwatch.GetTimestamp"/> calls cost with nothing between them.
/// That is the part of every latency sample that is the timer, not the map, and it is subtracted from each sample.
/// </summary>
internal static class TimerCalibration
{
    private const int Pairs = 200_000;

    /// <summary>Returns the median cost of an empty timed region, in timer ticks.</summary>
    public static long MeasureOverheadTicks()
    {
        var deltas = new long[Pairs];
        for (int round = 0; round < 2; round++) // the first round warms the path up
        {
            for (int i = 0; i < deltas.Length; i++)
            {
                long before = Stopwatch.GetTimestamp();
                long after = Stopwatch.GetTimestamp();
                deltas[i] = after - before;
            }
        }

        Array.Sort(deltas);
        return deltas[deltas.Length / 2];
    }
}
