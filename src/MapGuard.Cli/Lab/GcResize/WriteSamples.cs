using System.Diagnostics;

namespace MapGuard.Cli.Lab.GcResize;

/// <summary>Every write of one fill: how long it took, and whether a GC or a resize happened during it.</summary>
internal sealed class WriteSamples(int writes)
{
    /// <summary>Gets each write's duration, in Stopwatch ticks.</summary>
    public long[] Durations { get; } = new long[writes];

    /// <summary>Gets whether a garbage collection ran during each write (the gen0 collection count changed across it).</summary>
    public bool[] InGc { get; } = new bool[writes];

    /// <summary>Gets whether each write grew the table or ran while an incremental resize was in progress.</summary>
    public bool[] InResize { get; } = new bool[writes];

    /// <summary>Gets or sets how many times the table changed size.</summary>
    public int Resizes { get; set; }

    /// <summary>Gets or sets when the fill started (UTC), to attribute GC pauses to it.</summary>
    public DateTime Started { get; set; }

    /// <summary>Gets or sets when the fill ended (UTC).</summary>
    public DateTime Ended { get; set; }

    /// <summary>Splits the durations into writes a GC interrupted, writes in a resize (and no GC), and the rest.</summary>
    public void Classify(List<long> inGc, List<long> inResize, List<long> outside)
    {
        for (int i = 0; i < Durations.Length; i++)
        {
            (InGc[i] ? inGc : InResize[i] ? inResize : outside).Add(Durations[i]);
        }
    }

    /// <summary>The <paramref name="percentile"/> (0-100) of <paramref name="ticks"/> in microseconds; NaN when empty.</summary>
    public static double Microseconds(List<long> ticks, double percentile)
    {
        if (ticks.Count == 0)
        {
            return double.NaN;
        }

        ticks.Sort();
        int index = (int)Math.Min(ticks.Count - 1, Math.Ceiling(percentile / 100 * ticks.Count) - 1);
        return ticks[Math.Max(0, index)] * 1_000_000.0 / Stopwatch.Frequency;
    }
}
