using MapGuard.Testing.Migration;
using MapGuard.Testing.Stress;

namespace MapGuard.StressTests.Migration;

/// <summary>
/// Races that break naive migrations, run on purpose: a remove lands while a backfill or the sweep holds a value it
/// read from the source map; racing writes to one key must leave both maps agreeing. The naive migration in
/// MapGuard.Testing fails each check that the real one passes.
/// </summary>
public sealed class MigrationRaceTests
{
    private const int Rounds = 20;

    // How long a remove may take while the copy is stopped before the copy is let go. Where the remove must wait for
    // the copy's lock, a short grace keeps the test fast (a slow machine cannot make a blocked remove finish); where it
    // must finish first, a long one keeps a slow machine from failing the test (it returns as soon as the remove ends).
    private static readonly TimeSpan s_blockedGrace = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan s_freeGrace = TimeSpan.FromSeconds(5);

    public static TheoryData<RacingCopy, GatedMap<int, int>.GatePoint> Races => new()
    {
        { RacingCopy.Backfill, GatedMap<int, int>.GatePoint.TryGetValue },
        { RacingCopy.Sweep, GatedMap<int, int>.GatePoint.TryGetValue },
        { RacingCopy.Sweep, GatedMap<int, int>.GatePoint.Enumeration },
    };

    [Theory]
    [MemberData(nameof(Races))]
    public void RemoveDuringACopy_NeverComesBack(RacingCopy copy, GatedMap<int, int>.GatePoint point)
    {
        bool copyHoldsTheLock = point == GatedMap<int, int>.GatePoint.TryGetValue;
        RaceOutcome outcome = MigrationRaces.RemoveVersusCopy((s, t) => MigrationSubject.Real(s, t), copy, point, Rounds, copyHoldsTheLock ? s_blockedGrace : s_freeGrace);
        Assert.Equal(Rounds, outcome.Raced);
        Assert.True(outcome.Resurrected == 0, outcome.Example);
        if (copyHoldsTheLock)
        {
            // The copy read the key under its lock, so the remove had to wait for it every time.
            Assert.Equal(0, outcome.RemoverFinishedFirst);
        }
        else
        {
            // The sweep holds no lock while it walks the source; the remove finished first, and the copy still saw it.
            Assert.Equal(Rounds, outcome.RemoverFinishedFirst);
        }
    }

    [Theory]
    [InlineData(RacingCopy.Backfill, GatedMap<int, int>.GatePoint.TryGetValue)]
    [InlineData(RacingCopy.Sweep, GatedMap<int, int>.GatePoint.Enumeration)]
    public void RemoveDuringACopy_ResurrectsTheKey_InTheNaiveMigration(RacingCopy copy, GatedMap<int, int>.GatePoint point)
    {
        RaceOutcome outcome = MigrationRaces.RemoveVersusCopy(MigrationSubject.Naive, copy, point, Rounds, s_freeGrace);
        Assert.Equal(Rounds, outcome.Raced);
        Assert.Equal(Rounds, outcome.RemoverFinishedFirst);
        Assert.Equal(Rounds, outcome.Resurrected);
        TestContext.Current.SendDiagnosticMessage(outcome.Example!);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void RacingWritesToOneKey_LeaveBothMapsWithTheSameValue(int threads)
    {
        // 20,000 keys, each written by every thread at about the same moment (the naive migration splits many of them).
        List<string> disagreements = MigrationScenarios.RacingWritesDisagreements((s, t) => MigrationSubject.Real(s, t), threads);
        Assert.True(disagreements.Count == 0, string.Join("; ", disagreements.Take(10)));
    }

    [Fact]
    public void RacingWritesToOneKey_SplitTheNaiveMigrationsMaps()
    {
        for (int attempt = 1; attempt <= 5; attempt++)
        {
            List<string> disagreements = MigrationScenarios.RacingWritesDisagreements(MigrationSubject.Naive, threads: 4);
            if (disagreements.Count > 0)
            {
                TestContext.Current.SendDiagnosticMessage($"caught on attempt {attempt}: {disagreements.Count} keys disagree, e.g. {string.Join("; ", disagreements.Take(5))}");
                return;
            }
        }

        Assert.Fail("The naive migration's maps agreed after 5 runs of racing writes.");
    }
}
