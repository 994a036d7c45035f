using System.Globalization;
using MapGuard.Cli.Lab.Maps;
using MapGuard.Cli.Lab.Running;

namespace MapGuard.Cli.Lab.Hazards;

/// <summary>
/// <c>captured-closure</c>: a map held in a local variable looks private to one method, but a
/// lambda that captures it and runs on <c>Parallel.For</c> or <c>Task.Run</c> shares it with other threads. The
/// code reads as sequential; it is not. A plain Dictionary fails, GuardedDictionary names the racing calls, and a
/// concurrent map is the fix. At compile time, analyzer rule MG1001 reports the same code (docs/analyzers/MG1001.md).
/// </summary>
internal sealed class CapturedClosureHazard : LabHazard
{
    /// <summary>Keys written per trial: Parallel.For hands them out in chunks to every worker.</summary>
    public const int Keys = 200_000;

    public override string Name => "captured-closure";

    public override string Problem => "a map captured by a closure escapes to other threads";

    public override string Summary => "A Dictionary local captured by lambdas passed to Parallel.For and Task.Run.";

    public override int DefaultTrials => 50;

    public override LabReport Run(LabSettings settings, CancellationToken cancellationToken)
    {
        int trials = TrialsFor(settings);
        var report = NewReport(
            trials,
            string.Create(
                CultureInfo.InvariantCulture,
                $"A map in a local variable; a lambda captures it and writes {Keys:N0} distinct keys, either as the body of Parallel.For or split over two Task.Run calls; {trials} trials per row."));

        RunTrials(
            report,
            settings,
            trials,
            _ =>
            {
                foreach (Func<ILabMap> create in LabSubjects.WriteRaceSubjects())
                {
                    ILabMap map = create();
                    report.Row(map.Name + " in Parallel.For", map.Kind).Add(InParallelFor(map, settings.TrialTimeout));
                    if (map.Kind != LabSubjectKind.Map)
                    {
                        ILabMap again = create();
                        report.Row(again.Name + " in Task.Run x2", again.Kind).Add(InTaskRun(again, settings.TrialTimeout));
                    }
                }
            },
            cancellationToken);

        Summarize(report);
        return report;
    }

    /// <summary>The bug, as people write it: the loop body captures the local <paramref name="map"/>.</summary>
    private static TrialOutcome InParallelFor(ILabMap map, TimeSpan timeout)
    {
        var done = new bool[Keys];
        var meet = new Rendezvous(2);
        var probe = new OverlapProbe();
        Exception? error = Watchdog.Run(
            () => Parallel.For(
                0,
                Keys,
                localInit: () =>
                {
                    meet.Arrive(); // the first two workers start together
                    return probe.Join();
                },
                body: (i, _, cursor) =>
                {
                    map.Set(i, i); // every worker writes the one captured map
                    done[i] = true;
                    probe.Step(cursor);
                    return cursor;
                },
                localFinally: _ => { }),
            timeout,
            "lab-parallel-for");
        return Classify(map, done, error, probe.Overlapped, timeout);
    }

    /// <summary>The same bug with two tasks: each lambda captures the same local <paramref name="map"/>.</summary>
    private static TrialOutcome InTaskRun(ILabMap map, TimeSpan timeout)
    {
        var done = new bool[Keys];
        var meet = new Rendezvous(2);
        var probe = new OverlapProbe();
        Exception? error = Watchdog.Run(
            () =>
            {
                Task first = Task.Run(() => WriteRange(map, done, meet, probe, 0, Keys / 2));
                Task second = Task.Run(() => WriteRange(map, done, meet, probe, Keys / 2, Keys));
                Task.WaitAll(first, second);
            },
            timeout,
            "lab-task-run");
        return Classify(map, done, error, probe.Overlapped, timeout);
    }

    private static void WriteRange(ILabMap map, bool[] done, Rendezvous meet, OverlapProbe probe, int from, int to)
    {
        meet.Arrive();
        OverlapProbe.Cursor cursor = probe.Join();
        for (int i = from; i < to; i++)
        {
            map.Set(i, i);
            done[i] = true;
            probe.Step(cursor);
        }
    }

    private static TrialOutcome Classify(ILabMap map, bool[] done, Exception? error, bool overlapped, TimeSpan timeout)
    {
        if (error is TimeoutException)
        {
            return TrialOutcome.Hang(timeout);
        }

        long lost = 0;
        int count = 0;
        Exception? readError = Watchdog.Run(
            () =>
            {
                for (int i = 0; i < done.Length; i++)
                {
                    if (done[i] && !map.TryGet(i, out _))
                    {
                        lost++;
                    }
                }

                count = map.Count;
            },
            timeout,
            "lab-verify");

        if (readError is not null)
        {
            return readError is TimeoutException
                ? TrialOutcome.Hang(timeout)
                : new TrialOutcome { Label = TrialOutcome.CorruptLabel, Message = $"reading the map back threw {readError.GetType().Name}: {readError.Message}" };
        }

        if (error is not null)
        {
            return TrialOutcome.FromException(error, lost);
        }

        if (lost > 0)
        {
            return new TrialOutcome { Label = TrialOutcome.SilentLossLabel, Lost = lost, Message = $"{lost} of {Keys} written keys missing, no exception" };
        }

        if (count != Keys)
        {
            return new TrialOutcome { Label = TrialOutcome.CorruptLabel, Message = $"Count says {count}, but {Keys} distinct keys were written and all are present" };
        }

        return overlapped ? TrialOutcome.Correct : new TrialOutcome { Label = TrialOutcome.NoOverlapLabel, Message = "the workers ran one after the other (busy pool or one free core): no race this time" };
    }

    private static void Summarize(LabReport report)
    {
        foreach (LabRow row in report.Rows)
        {
            int noOverlap = row.Outcomes.GetValueOrDefault(TrialOutcome.NoOverlapLabel);
            int raced = row.Trials - noOverlap;
            string skipped = noOverlap == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" ({noOverlap} trials ran their workers one after the other and did not race)");
            switch (row.Kind)
            {
                case LabSubjectKind.Plain:
                    report.Findings.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Subject}: went wrong in {row.Failed} of {raced} racing trials ({WriteRaceRows.Describe(row)}); {row.EntriesLost:N0} entries lost{skipped}."));
                    break;
                case LabSubjectKind.Guard:
                    report.Findings.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Subject}: detected {row.Detected} of {raced} racing trials; entries lost: {row.EntriesLost:N0}{skipped}."));
                    if (row.Detected != raced || row.Failed > 0)
                    {
                        report.Unexpected.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Subject}: detected {row.Detected} of {raced} racing trials ({WriteRaceRows.Describe(row)})."));
                    }

                    if (row.Examples.TryGetValue(TrialOutcome.DetectedLabel, out string? example) && !report.Notes.Exists(n => n.StartsWith("Example report", StringComparison.Ordinal)))
                    {
                        report.Notes.Add("Example report: " + example);
                    }

                    break;
                default:
                    if (row.Failed > 0 || row.EntriesLost > 0)
                    {
                        report.Unexpected.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Subject}: {row.Failed} of {row.Trials} trials went wrong ({WriteRaceRows.Describe(row)})."));
                    }

                    break;
            }
        }

        var maps = report.Rows.Where(r => r.Kind == LabSubjectKind.Map).ToList();
        report.Findings.Add(string.Create(CultureInfo.InvariantCulture, $"The fix, a concurrent map in the same closure: {maps.Sum(m => m.EntriesLost):N0} entries lost and {maps.Sum(m => m.Failed)} failed trials out of {maps.Sum(m => m.Trials)}."));
        report.Notes.Add("The capture is invisible in the code: `var map = new Dictionary<long, long>(); Parallel.For(0, n, i => map[i] = i);` reads as one method's private state.");
        report.Notes.Add("Caught at compile time: MapGuard's analyzer rule MG1001 (captured collection mutated concurrently, shipped in the MapGuard package) warns at `map[i] = i` in that lambda; see docs/analyzers/MG1001.md.");
    }
}
