namespace MapGuard.Cli.Lab;

/// <summary>One way a map shared between threads goes wrong, reproduced on .NET as a bounded demonstration.</summary>
internal abstract class LabHazard
{
    /// <summary>Gets the command-line name, e.g. <c>concurrent-writes</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Gets what goes wrong, in one phrase: the line the report opens with.</summary>
    public abstract string Problem { get; }

    /// <summary>Gets a one-line description for help text.</summary>
    public abstract string Summary { get; }

    /// <summary>Gets the trials per subject when <c>--trials</c> is not given (sized for a default run under a minute).</summary>
    public abstract int DefaultTrials { get; }

    /// <summary>Runs the demonstration. Honours <paramref name="cancellationToken"/> between trials.</summary>
    public abstract LabReport Run(LabSettings settings, CancellationToken cancellationToken);

    /// <summary>The trial count to use.</summary>
    protected int TrialsFor(LabSettings settings) => settings.Trials ?? DefaultTrials;

    /// <summary>Starts this hazard's report: its name, the problem, a one-line description of the setup, and the trial count.</summary>
    protected LabReport NewReport(int trials, string setup) => new()
    {
        Hazard = Name,
        Problem = Problem,
        Setup = setup,
        Trials = trials,
    };

    /// <summary>
    /// Runs <paramref name="trial"/>(0..trials-1), each trial covering every subject once, so a budget cuts all subjects
    /// evenly. Stops early on Ctrl+C (marking the report cancelled) or, without <c>--trials</c>, when the default budget
    /// is spent (noting how many trials ran).
    /// </summary>
    protected static void RunTrials(LabReport report, LabSettings settings, int trials, Action<int> trial, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < trials; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                report.Cancelled = true;
                return;
            }

            if (settings.Trials is null && i > 0 && clock.Elapsed > settings.DefaultBudget)
            {
                report.Notes.Add($"stopped after {i} of {trials} trials: the default run keeps under a minute on this (busy) machine; pass --trials to run them all.");
                return;
            }

            trial(i);
        }
    }
}
