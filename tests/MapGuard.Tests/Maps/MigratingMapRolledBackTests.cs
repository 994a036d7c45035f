namespace MapGuard.Tests.Maps;

public sealed class MigratingMapRolledBackTests : MigratingMapSuite
{
    protected override MigrationPhase Phase => MigrationPhase.RolledBack;
}
