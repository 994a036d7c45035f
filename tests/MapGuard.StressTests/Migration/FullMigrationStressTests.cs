using MapGuard.Testing.Migration;
using MapGuard.Testing.Stress;

namespace MapGuard.StressTests.Migration;

/// <summary>A whole migration (dual-write, sweep, cut-over) under a 4-thread write load: no write may be lost.</summary>
public sealed class FullMigrationStressTests
{
    [Fact]
    public void FourThreads_AcrossAFullMigration_LoseNoWrite()
    {
        FullMigrationReport report = FullMigration.Run((s, t) => MigrationSubject.Real(s, t, sweepBatch: 64), threads: 4);
        TestContext.Current.SendDiagnosticMessage($"calls per stage (dual-write, draining, cutting over, cut over): {string.Join(", ", report.OperationsPerStage)}; final count {report.FinalCount}; sweep done before the cut-over: {report.SweepDoneBeforeCutOver}");

        // The load really ran through every stage but the instant of the switch itself.
        Assert.True(report.OperationsPerStage[0] > 1_000, "too few calls while dual-writing");
        Assert.True(report.OperationsPerStage[1] > 1_000, "too few calls while the sweep ran");
        Assert.True(report.OperationsPerStage[3] > 1_000, "too few calls after the cut-over");
    }

    [Fact]
    public void NaiveMigration_FailsTheSameRun()
    {
        // Usually caught on the first attempt; a busy machine can serialize the threads so the race needs more tries.
        const int Attempts = 25;
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                FullMigration.Run(MigrationSubject.Naive, threads: 4);
            }
            catch (IntegrityException caught)
            {
                TestContext.Current.SendDiagnosticMessage($"caught on attempt {attempt}: {caught.Message}");
                return;
            }
        }

        Assert.Fail($"The naive migration passed the full-migration run {Attempts} times in a row.");
    }
}
