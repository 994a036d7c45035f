namespace MapGuard.Tests.Maps;

public sealed class MigratingMapDualWriteTests : MigratingMapSuite
{
    protected override MigrationPhase Phase => MigrationPhase.DualWrite;
}
