namespace MapGuard.Tests.Maps;

public sealed class MigratingMapDrainingTests : MigratingMapSuite
{
    protected override MigrationPhase Phase => MigrationPhase.Draining;
}
