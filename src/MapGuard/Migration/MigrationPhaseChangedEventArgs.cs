namespace MapGuard;

/// <summary>Describes one phase change of a <see cref="MigratingMap{TKey, TValue}"/>.</summary>
public sealed class MigrationPhaseChangedEventArgs : EventArgs
{
    /// <summary>Creates the description of a phase change.</summary>
    /// <param name="previous">The phase before the change.</param>
    /// <param name="current">The phase after the change.</param>
    /// <param name="trigger">What caused the change.</param>
    /// <param name="timestamp">When the change took effect, from the map's <see cref="TimeProvider"/>.</param>
    public MigrationPhaseChangedEventArgs(MigrationPhase previous, MigrationPhase current, MigrationTrigger trigger, DateTimeOffset timestamp)
    {
        Previous = previous;
        Current = current;
        Trigger = trigger;
        Timestamp = timestamp;
    }

    /// <summary>Gets the phase before the change.</summary>
    public MigrationPhase Previous { get; }

    /// <summary>Gets the phase after the change.</summary>
    public MigrationPhase Current { get; }

    /// <summary>Gets what caused the change.</summary>
    public MigrationTrigger Trigger { get; }

    /// <summary>Gets when the change took effect, from the map's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Timestamp { get; }
}
