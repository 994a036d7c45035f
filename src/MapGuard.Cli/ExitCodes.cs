namespace MapGuard.Cli;

/// <summary>Process exit codes of the <c>mapguard</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was measured and written.</summary>
    public const int Success = 0;

    /// <summary>The run finished but at least one measurement failed (its cell shows why).</summary>
    public const int MeasurementFailed = 1;

    /// <summary>Bad input: one line on stderr, nothing measured, nothing written.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl+C; what was measured so far was printed and written (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
