namespace MapGuard.Cli.Lab;

/// <summary>What one <c>mapguard lab</c> demonstration did and found.</summary>
internal sealed class LabReport
{
    /// <summary>Gets the hazard's command-line name.</summary>
    public required string Hazard { get; init; }

    /// <summary>Gets what goes wrong, in one phrase.</summary>
    public required string Problem { get; init; }

    /// <summary>Gets one sentence on what each trial does.</summary>
    public required string Setup { get; init; }

    /// <summary>Gets the trials per subject.</summary>
    public required int Trials { get; init; }

    /// <summary>Gets one row per subject, in the order they ran.</summary>
    public List<LabRow> Rows { get; init; } = [];

    /// <summary>Gets the plain-language conclusions, one per line.</summary>
    public List<string> Findings { get; init; } = [];

    /// <summary>Gets the outcomes that contradict what MapGuard promises (a map lost entries, the guard missed an
    /// overlap); the command exits with 1 when there is any.</summary>
    public List<string> Unexpected { get; init; } = [];

    /// <summary>Gets notes on how to read the numbers.</summary>
    public List<string> Notes { get; init; } = [];

    /// <summary>Gets whether Ctrl+C stopped the run early.</summary>
    public bool Cancelled { get; set; }

    /// <summary>Gets the wall time of the whole demonstration, in seconds.</summary>
    public double ElapsedSeconds { get; set; }

    /// <summary>Gets the row for <paramref name="subject"/>, adding it if new.</summary>
    public LabRow Row(string subject, Maps.LabSubjectKind kind)
    {
        LabRow? row = Rows.Find(r => r.Subject == subject);
        if (row is null)
        {
            row = new LabRow { Subject = subject, Kind = kind };
            Rows.Add(row);
        }

        return row;
    }
}
