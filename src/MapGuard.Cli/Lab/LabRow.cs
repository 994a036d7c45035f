using MapGuard.Cli.Lab.Maps;

namespace MapGuard.Cli.Lab;

/// <summary>One subject's outcomes over every trial of a demonstration.</summary>
internal sealed class LabRow
{
    /// <summary>Gets what ran: "Dictionary", "GuardedDictionary", a map name, or a named variant.</summary>
    public required string Subject { get; init; }

    /// <summary>Gets whether it is the hazard, the guard or a fix.</summary>
    public required LabSubjectKind Kind { get; init; }

    /// <summary>Gets how many trials ran.</summary>
    public int Trials { get; set; }

    /// <summary>Gets how many trials ended in each outcome ("correct", "detected", "silent loss", "hang", an exception type...).</summary>
    public SortedDictionary<string, int> Outcomes { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets the first message seen for each outcome, as an example.</summary>
    public SortedDictionary<string, string> Examples { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets the entries that a completed write put in but the map no longer held, summed over trials.</summary>
    public long EntriesLost { get; set; }

    /// <summary>Gets the trials in which a GuardedDictionary reported the overlap.</summary>
    public int Detected { get; set; }

    /// <summary>Gets the trials the watchdog gave up on.</summary>
    public int Hangs { get; set; }

    /// <summary>Gets the trials that ended in anything but a correct (or, for the guard, detected and intact) map.</summary>
    public int Failed { get; set; }

    /// <summary>Gets extra per-row measurements (latency rows use it), by name.</summary>
    public SortedDictionary<string, double>? Metrics { get; set; }

    /// <summary>Counts one trial's outcome.</summary>
    public void Add(TrialOutcome outcome)
    {
        Trials++;
        Outcomes[outcome.Label] = Outcomes.GetValueOrDefault(outcome.Label) + 1;
        if (outcome.Message is { } message)
        {
            Examples.TryAdd(outcome.Label, message);
        }

        EntriesLost += outcome.Lost;
        Detected += outcome.Detected ? 1 : 0;
        Hangs += outcome.Label == TrialOutcome.HangLabel ? 1 : 0;
        Failed += outcome.IsFailure ? 1 : 0;
    }
}
