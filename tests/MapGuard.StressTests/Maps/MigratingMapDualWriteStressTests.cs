namespace MapGuard.StressTests.Maps;

public sealed class MigratingMapDualWriteStressTests : MigratingMapStressSuite
{
    protected override MigrationPhase Phase => MigrationPhase.DualWrite;
}
