namespace MapGuard.Tests.Maps;

public sealed class MigratingMapCutOverTests : MigratingMapSuite
{
    protected override MigrationPhase Phase => MigrationPhase.CutOver;
}
