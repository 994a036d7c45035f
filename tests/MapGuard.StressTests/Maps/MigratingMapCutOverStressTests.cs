namespace MapGuard.StressTests.Maps;

public sealed class MigratingMapCutOverStressTests : MigratingMapStressSuite
{
    protected override MigrationPhase Phase => MigrationPhase.CutOver;
}
