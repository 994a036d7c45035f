namespace MapGuard.Cli.Tests;

/// <summary>Tests that start measurement processes run one at a time: they compete for the same cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasurementCollection
{
    public const string Name = "measurements";
}
