namespace MapGuard.Cli.Matrix.Worker;

/// <summary>What one phase (warm-up or measurement) of the measuring threads did.</summary>
/// <param name="Operations">Operations done by all threads.</param>
/// <param name="OpsPerSecond">The sum over threads of each thread's operations over its own running time.</param>
/// <param name="WallMilliseconds">Time from the start signal to the last thread stopping.</param>
/// <param name="AllocatedBytes">Bytes allocated by the process during the phase (precise).</param>
/// <param name="GcCount">Garbage collections of any generation during the phase.</param>
/// <param name="GcPauseMilliseconds">Total GC pause time during the phase.</param>
/// <param name="JitQuiet">For a warm-up: it ended because the JIT stopped compiling, not by its time cap.</param>
internal sealed record PhaseStats(
    long Operations,
    double OpsPerSecond,
    double WallMilliseconds,
    long AllocatedBytes,
    int GcCount,
    double GcPauseMilliseconds,
    bool JitQuiet);
