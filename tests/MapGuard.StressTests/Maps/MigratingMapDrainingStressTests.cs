namespace MapGuard.StressTests.Maps;

public sealed class MigratingMapDrainingStressTests : MigratingMapStressSuite
{
    protected override MigrationPhase Phase => MigrationPhase.Draining;
}
