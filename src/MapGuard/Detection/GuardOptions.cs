namespace MapGuard;

/// <summary>How a <see cref="GuardedDictionary{TKey, TValue}"/> reacts to a violation, what it is called, and what it records.</summary>
public sealed class GuardOptions
{
    /// <summary>The name used in reports and as the <c>map</c> tag of <c>mapguard.guard.violations</c> when none is given.</summary>
    public const string DefaultName = "unnamed";

    /// <summary>The default of <see cref="BiasAfterWrites"/>.</summary>
    public const int DefaultBiasAfterWrites = 1024;

    private readonly int _biasAfterWrites = DefaultBiasAfterWrites;

    /// <summary>Gets the options a dictionary uses when none are given: <see cref="GuardMode.Throw"/>, no stack capture,
    /// bias after <see cref="DefaultBiasAfterWrites"/> writes.</summary>
    public static GuardOptions Default { get; } = new();

    /// <summary>Gets what to do on a violation. Default <see cref="GuardMode.Throw"/>.</summary>
    public GuardMode Mode { get; init; } = GuardMode.Throw;

    /// <summary>
    /// Gets the dictionary's name: it appears in every report and is the <c>map</c> tag of the
    /// <c>mapguard.guard.violations</c> metric. Default <see cref="DefaultName"/>. Keep the set of names small
    /// (one per call site, not one per instance): each distinct name is a metric series.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>
    /// Gets whether every write records its own stack as it starts, so that a violation report also shows the other
    /// thread's stack, not only the detecting one. A stack walk per write costs microseconds, so this is for
    /// diagnosis, not for production. Default false: reports then carry the detecting stack only.
    /// </summary>
    /// <remarks>Only writes record their stack: a read never registers itself, so the other party of a violation is
    /// always a write.</remarks>
    public bool CaptureOtherStack { get; init; }

    /// <summary>
    /// Gets how many writes in a row one thread must make before the dictionary is <i>biased</i> to it; 0 turns bias
    /// off. Default <see cref="DefaultBiasAfterWrites"/>.
    /// </summary>
    /// <remarks>
    /// <para>A biased dictionary lets its owner thread write without the compare-and-swap (a full fence) that every
    /// other write uses, so code that keeps a dictionary on one thread pays close to nothing for the guard. Detection is
    /// unchanged: the first write from any other thread revokes the bias, and reports the owner if it is mid-write.</para>
    /// <para>A revocation costs one process-wide memory barrier (<see cref="Interlocked.MemoryBarrierProcessWide"/>,
    /// about 1 to 10 microseconds, and an interrupt to each core running this process), and happens at most once per
    /// dictionary: after it, every write uses the compare-and-swap for good. Set 0 for dictionaries that change hands
    /// often after long single-thread runs and are created in great numbers. Bias is never used with
    /// <see cref="CaptureOtherStack"/>.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int BiasAfterWrites
    {
        get => _biasAfterWrites;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(BiasAfterWrites));
            _biasAfterWrites = value;
        }
    }
}
