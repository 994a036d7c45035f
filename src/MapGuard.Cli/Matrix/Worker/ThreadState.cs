namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// Everything one measuring thread touches, allocated before timing starts. The loop copies the fields into locals
/// for each chunk and writes them back at its end.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
internal sealed class ThreadState<TKey>(Operation<TKey>[] stream, int sampleCapacity)
{
    /// <summary>This thread's precomputed operations (see <see cref="OperationStream"/>).</summary>
    public Operation<TKey>[] Stream { get; } = stream;

    /// <summary>Raw timer-tick durations of the sampled operations.</summary>
    public long[] Samples { get; } = new long[sampleCapacity];

    /// <summary>How many entries of <see cref="Samples"/> are filled.</summary>
    public int SampleCount { get; set; }

    /// <summary>The next index into <see cref="Stream"/>.</summary>
    public int Position { get; set; }

    /// <summary>Operations done in the current phase.</summary>
    public long Operations { get; set; }

    /// <summary>Timer ticks from this thread's start to its stop in the current phase.</summary>
    public long ElapsedTicks { get; set; }

    /// <summary>Reads that found no value; every key is present, so anything but zero is a broken map.</summary>
    public long Misses { get; set; }

    /// <summary>A running sum of values read, also used as the value to write, so no read is dead code.</summary>
    public long Checksum { get; set; }

    /// <summary>Clears the per-phase counters; the stream position carries on.</summary>
    public void ResetPhase()
    {
        SampleCount = 0;
        Operations = 0;
        ElapsedTicks = 0;
    }
}
