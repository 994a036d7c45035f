namespace MapGuard.Testing.Linearizability;

/// <summary>What a batch of recorded histories showed.</summary>
/// <param name="Histories">Histories recorded and checked.</param>
/// <param name="Overlapping">Histories in which calls from different threads overlapped in time (the interesting ones).</param>
/// <param name="Failure">The first non-linearizable history as a table, or a worker's exception; null when all passed.</param>
public sealed record LinearizabilityReport(int Histories, int Overlapping, string? Failure)
{
    /// <summary>Gets the histories in which the scenario's interference overlapped at least one call (0 without interference).</summary>
    public int Interfered { get; init; }
}
