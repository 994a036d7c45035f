namespace MapGuard.StressTests.Maps;

public sealed class MigratingMapRolledBackStressTests : MigratingMapStressSuite
{
    protected override MigrationPhase Phase => MigrationPhase.RolledBack;
}
