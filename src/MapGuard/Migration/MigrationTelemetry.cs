using MapGuard.Telemetry;

namespace MapGuard.Migration;

/// <summary>
/// What the <c>mapguard.migration.*</c> instruments read of one <see cref="MigratingMap{TKey, TValue}"/>: its name and
/// its statistics. The migration creates it and holds it; it joins <see cref="Live"/> when created and leaves when the
/// migration is collected. The counters themselves are the migration's own striped counters
/// (<see cref="MigrationCounters"/>), read only when a listener collects.
/// </summary>
internal sealed class MigrationTelemetry
{
    private readonly Func<MigrationStatistics> _statistics;

    public MigrationTelemetry(string name, Func<MigrationStatistics> statistics)
    {
        Name = name;
        _statistics = statistics;
        Live.Add(this);
    }

    /// <summary>Gets every live migration's telemetry.</summary>
    public static LiveSet<MigrationTelemetry> Live { get; } = new();

    /// <summary>Gets the <c>map</c> tag.</summary>
    public string Name { get; }

    /// <summary>Each live migration's name and a snapshot of its statistics.</summary>
    public static IEnumerable<(string Name, MigrationStatistics Statistics)> Snapshots() =>
        Live.Snapshot().Select(t => (t.Name, t._statistics()));
}
