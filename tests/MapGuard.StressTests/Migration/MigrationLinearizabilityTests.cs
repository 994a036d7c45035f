using MapGuard.Testing.Linearizability;
using MapGuard.Testing.Migration;

namespace MapGuard.StressTests.Migration;

/// <summary>
/// Linearizability of <see cref="MigratingMap{TKey, TValue}"/> in histories where keys start in the source map only
/// (so reads backfill and race with writes) and where a phase change happens mid-history, racing with the calls:
/// CutOver, Rollback, a sweep with its automatic cut-over, and CutOver racing Rollback. The naive migration fails the
/// same checks.
/// </summary>
public sealed class MigrationLinearizabilityTests
{
    // Histories whose calls overlap each other and the phase change; a loaded machine that yields fewer than the
    // minimum fails rather than pass having proved little (see MapStressSuite.Linearizability).
    private const int Enough = 1_500;
    private const int Minimum = 300;
    private const int MaxHistories = 100_000;

    // Without chaos, overlap depends on the threads running at the same moment, which a busy machine makes rare: allow
    // as many histories as the map suites do. About one full-speed history in a hundred has the phase change among
    // overlapping calls, so fewer are asked for, to keep the run to seconds.
    private const int MaxHistoriesWithoutChaos = 300_000;
    private const int EnoughWithoutChaos = 500;

    // With chaos, the inner maps yield the thread on one call in four, so almost every history overlaps and the phase
    // change lands among the calls even on a loaded machine; without it, the calls run at full speed, interleaving at a
    // finer grain.
    public static TheoryData<string, bool> PhaseChanges => new()
    {
        { "none", true },
        { "cut-over", true },
        { "rollback", true },
        { "sweep", true },
        { "mixed", true },
        { "none", false },
        { "mixed", false },
    };

    [Theory]
    [MemberData(nameof(PhaseChanges))]
    public void Histories_WithAPhaseChangeMidHistory_AreLinearizable(string change, bool chaos)
    {
        HistoryScenario scenario = MigrationScenarios.Linearizability(
            (source, target) => MigrationSubject.Real(source, target, lockStripes: 4, sweepBatch: 1),
            seed: 11,
            Interference(change),
            chaosShift: chaos ? 2 : 30);
        LinearizabilityReport report = LinearizabilityRunner.Run(scenario, chaos ? MaxHistories : MaxHistoriesWithoutChaos, seed: 20261126, enoughOverlapping: chaos ? Enough : EnoughWithoutChaos);
        TestContext.Current.SendDiagnosticMessage($"{change}, chaos {chaos}: {report.Histories} histories, {report.Overlapping} overlapping, {report.Interfered} with the phase change among the calls");
        Assert.True(report.Failure is null, report.Failure);
        Assert.True(report.Overlapping >= Minimum, $"Only {report.Overlapping} of {report.Histories} histories had calls overlapping each other and the phase change.");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("cut-over")]
    public void NaiveMigration_IsCaught(string change)
    {
        HistoryScenario scenario = MigrationScenarios.Linearizability(MigrationSubject.Naive, seed: 11, Interference(change));
        LinearizabilityReport report = LinearizabilityRunner.Run(scenario, MaxHistories, seed: 7);
        Assert.NotNull(report.Failure);
        TestContext.Current.SendDiagnosticMessage($"naive, {change}: caught after {report.Histories} histories:\n{report.Failure}");
    }

    private static Action<MigrationSubject, Random>? Interference(string change) => change switch
    {
        "none" => null,
        "cut-over" => static (subject, _) => subject.CutOver(),
        "rollback" => static (subject, _) => Rollback(subject),
        "sweep" => static (subject, _) =>
        {
            subject.Sweep().GetAwaiter().GetResult();
            subject.CutOver();
        },
        "mixed" => static (subject, random) =>
        {
            switch (random.Next(4))
            {
                case 0:
                    subject.CutOver();
                    break;
                case 1:
                    Rollback(subject);
                    break;
                case 2:
                    // The sweep runs on the pool while this thread rolls back: the sweep must stop, copying nothing stale.
                    Task sweep = subject.Sweep();
                    Rollback(subject);
                    sweep.GetAwaiter().GetResult();
                    break;
                default:
                    // CutOver and Rollback race each other: exactly one wins, the other throws InvalidOperationException.
                    Task cutOver = Task.Run(subject.CutOver);
                    bool rolledBack = Try(() => Rollback(subject));
                    bool cutOverWon = Try(() => cutOver.GetAwaiter().GetResult());
                    if (rolledBack == cutOverWon)
                    {
                        throw new InvalidOperationException($"CutOver and Rollback both {(rolledBack ? "succeeded" : "failed")}.");
                    }

                    break;
            }
        },
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown phase change."),
    };

    private static void Rollback(MigrationSubject subject) => ((MigratingMap<int, int>)subject.Map).Rollback();

    private static bool Try(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
