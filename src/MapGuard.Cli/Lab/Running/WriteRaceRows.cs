using System.Globalization;
using MapGuard.Cli.Lab.Maps;

namespace MapGuard.Cli.Lab.Running;

/// <summary>Runs <see cref="WriteRace"/> for each subject and turns the rows into findings; shared by the hazards
/// that race writers (on managed or native threads).</summary>
internal static class WriteRaceRows
{
    /// <summary>Runs one trial of every subject into <paramref name="report"/>.</summary>
    public static void RunTrial(LabReport report, IEnumerable<Func<ILabMap>> subjects, IWorkerLauncher launcher, int keysPerThread, TimeSpan timeout)
    {
        foreach (Func<ILabMap> create in subjects)
        {
            ILabMap map = create();
            report.Row(map.Name, map.Kind).Add(WriteRace.Run(map, launcher, keysPerThread, timeout));
        }
    }

    /// <summary>Writes the findings (and anything that contradicts MapGuard's promises) for the three kinds of row.</summary>
    public static void Summarize(LabReport report)
    {
        foreach (LabRow row in report.Rows)
        {
            switch (row.Kind)
            {
                case LabSubjectKind.Plain:
                    report.Findings.Add(row.Failed == 0
                        ? Text($"{row.Subject}: no failure in {row.Trials} trials this time (the race is real; try more trials).")
                        : Text($"{row.Subject}: went wrong in {row.Failed} of {row.Trials} trials ({Describe(row)}); {row.EntriesLost:N0} entries lost."));
                    break;
                case LabSubjectKind.Guard:
                    report.Findings.Add(Text($"{row.Subject}: detected the overlap in {row.Detected} of {row.Trials} trials, at the first overlapping call; entries lost: {row.EntriesLost:N0}."));
                    if (row.Detected != row.Trials || row.Failed > 0 || row.EntriesLost > 0)
                    {
                        report.Unexpected.Add(Text($"{row.Subject}: detected {row.Detected} of {row.Trials}, {row.Failed} failed trials ({Describe(row)}), {row.EntriesLost} entries lost."));
                    }

                    if (row.Examples.TryGetValue(TrialOutcome.DetectedLabel, out string? example))
                    {
                        report.Notes.Add("Example report: " + example);
                    }

                    break;
                default:
                    if (row.Failed > 0 || row.EntriesLost > 0)
                    {
                        report.Unexpected.Add(Text($"{row.Subject}: {row.Failed} of {row.Trials} trials went wrong ({Describe(row)}), {row.EntriesLost} entries lost."));
                    }

                    break;
            }
        }

        var maps = report.Rows.Where(r => r.Kind == LabSubjectKind.Map).ToList();
        if (maps.Count > 0)
        {
            report.Findings.Add(Text(
                $"Concurrent maps ({string.Join(", ", maps.Select(m => m.Subject))}): {maps.Sum(m => m.EntriesLost):N0} entries lost and {maps.Sum(m => m.Failed)} failed trials out of {maps.Sum(m => m.Trials)}."));
        }
    }

    /// <summary>"3 InvalidOperationException, 1 silent loss": the outcomes of a row other than correct and no overlap.</summary>
    public static string Describe(LabRow row)
    {
        var parts = row.Outcomes.Where(o => o.Key is not (TrialOutcome.CorrectLabel or TrialOutcome.NoOverlapLabel)).OrderByDescending(o => o.Value).Select(o => Text($"{o.Value} {o.Key}")).ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
