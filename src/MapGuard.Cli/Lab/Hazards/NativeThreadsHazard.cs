using System.Globalization;
using MapGuard.Cli.Lab.Maps;
using MapGuard.Cli.Lab.Running;

namespace MapGuard.Cli.Lab.Hazards;

/// <summary>
/// <c>native-threads</c>: threads that native code created call back into managed code and mutate a shared map.
/// Such threads are easy to forget when reasoning about who touches a map, because no managed code started them. The
/// runtime attaches such a thread on its first call, and it is as real a thread as any other: a plain Dictionary
/// fails just the same, GuardedDictionary names it by its managed ID, and the concurrent maps stay correct.
/// </summary>
internal sealed class NativeThreadsHazard : LabHazard
{
    public override string Name => "native-threads";

    public override string Problem => "threads created by native code write the map too";

    public override string Summary => "Threads made by pthread_create call back into managed code and write one map.";

    public override int DefaultTrials => 100;

    /// <exception cref="PlatformNotSupportedException">Not Linux or macOS.</exception>
    public override LabReport Run(LabSettings settings, CancellationToken cancellationToken)
    {
        NativeThreadLauncher launcher = NativeThreadLauncher.Create();
        int trials = TrialsFor(settings);
        var report = NewReport(
            trials,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{WriteRace.Threads} {launcher.Description} (from {launcher.Library}) enter managed code through an [UnmanagedCallersOnly] callback; each inserts {ConcurrentWritesHazard.KeysPerThread:N0} distinct keys into one map, then overwrites them until both are done; {trials} trials per map."));

        RunTrials(
            report,
            settings,
            trials,
            _ => WriteRaceRows.RunTrial(report, LabSubjects.WriteRaceSubjects(), launcher, ConcurrentWritesHazard.KeysPerThread, settings.TrialTimeout),
            cancellationToken);

        WriteRaceRows.Summarize(report);
        if (launcher.LastManagedThreadIds.Count > 0)
        {
            report.Notes.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"The native threads of the last trial had managed IDs {string.Join(" and ", launcher.LastManagedThreadIds)} (the runtime attached them on their first call), {(launcher.LastRunOutsideThePool ? "outside the thread pool" : "some inside the pool?!")}."));
        }

        return report;
    }
}
