using System.Globalization;
using MapGuard.Cli.Lab.Maps;
using MapGuard.Cli.Lab.Running;

namespace MapGuard.Cli.Lab.Hazards;

/// <summary>
/// <c>concurrent-writes</c>: two threads write distinct keys into one map that is not thread-safe. A resize or a
/// bucket update from one thread interleaves with the other's, so .NET's Dictionary throws afterwards, loses entries
/// silently or loops forever. GuardedDictionary catches the first overlapping call; every concurrent map stays
/// correct.
/// </summary>
internal sealed class ConcurrentWritesHazard : LabHazard
{
    /// <summary>Keys each thread inserts: enough for the Dictionary to resize about a dozen times per trial.</summary>
    public const int KeysPerThread = 20_000;

    public override string Name => "concurrent-writes";

    public override string Problem => "concurrent writes corrupt a Dictionary: lost entries, exceptions or hangs";

    public override string Summary => "Two threads write distinct keys into one map: plain Dictionary vs GuardedDictionary vs the concurrent maps.";

    public override int DefaultTrials => 100;

    public override LabReport Run(LabSettings settings, CancellationToken cancellationToken)
    {
        int trials = TrialsFor(settings);
        var report = NewReport(
            trials,
            string.Create(CultureInfo.InvariantCulture, $"{WriteRace.Threads} {ManagedThreadLauncher.Instance.Description} each insert {KeysPerThread:N0} distinct keys into one map, then overwrite them until both are done; {trials} trials per map."));

        RunTrials(
            report,
            settings,
            trials,
            _ => WriteRaceRows.RunTrial(report, LabSubjects.WriteRaceSubjects(), ManagedThreadLauncher.Instance, KeysPerThread, settings.TrialTimeout),
            cancellationToken);
        WriteRaceRows.Summarize(report);
        return report;
    }
}
