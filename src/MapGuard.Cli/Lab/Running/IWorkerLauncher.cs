namespace MapGuard.Cli.Lab.Running;

/// <summary>Starts a demonstration's worker threads: managed threads, or threads that native code creates.</summary>
internal interface IWorkerLauncher
{
    /// <summary>Gets a short description for the report, e.g. "managed threads".</summary>
    string Description { get; }

    /// <summary>Runs <paramref name="body"/>(0..count-1) on <paramref name="count"/> new threads at once and waits.</summary>
    /// <returns>False when some worker did not finish within <paramref name="timeout"/> (it is abandoned).</returns>
    bool Run(Action<int> body, int count, TimeSpan timeout);
}
