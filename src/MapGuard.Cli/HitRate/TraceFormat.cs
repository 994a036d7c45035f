namespace MapGuard.Cli.HitRate;

/// <summary>How a trace file lists its accesses (<c>mapguard hitrate --format</c>).</summary>
internal enum TraceFormat
{
    /// <summary><see cref="Lis"/> for a name ending in <c>.lis</c> (before any <c>.zst</c>), else <see cref="Keys"/>.</summary>
    Auto,

    /// <summary>One key per line: a number, or any other text naming a key.</summary>
    Keys,

    /// <summary>
    /// The ARC traces' format (Megiddo and Modha, FAST 2003): <c>start_block block_count ignored request_number</c>,
    /// where a line is <c>block_count</c> accesses to <c>start_block</c>, <c>start_block + 1</c>, and so on.
    /// </summary>
    Lis,
}
