namespace MapGuard;

/// <summary>How a <see cref="GuardedDictionary{TKey, TValue}"/> reacts to a violation, what it is called, and what it records.</summary>
public sealed class GuardOptions
{
    /// <summary>The name used in reports and as the <c>map</c> tag of <c>mapguard.guard.violations</c> when none is given.</summary>
    public const string DefaultName = "unnamed";

    /// <summary>Gets the options a dictionary uses when none are given: <see cref="GuardMode.Throw"/>, no stack capture.</summary>
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
}
