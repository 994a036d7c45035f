using System.Runtime.CompilerServices;
using MapGuard.Migration;

namespace MapGuard.Diagnostics;

/// <summary>
/// Every live <see cref="MigratingMap{TKey, TValue}"/>, for the <c>mapguard.migration.*</c> instruments. A migration
/// registers itself when built; its entry goes when it is collected. The counters themselves are the migration's
/// own striped counters (<see cref="MigrationCounters"/>), read only when a listener collects.
/// </summary>
internal static class MigrationMetrics
{
    private static readonly ConditionalWeakTable<object, Func<MigrationStatistics>> s_migrations = new();

    public static void Register(object migration, Func<MigrationStatistics> statistics)
    {
        GC.KeepAlive(MapGuardMeter.Meter); // create the instruments, so a listener sees this migration from the start
        s_migrations.AddOrUpdate(migration, statistics);
    }

    /// <summary>Each live migration's name and a snapshot of its statistics.</summary>
    public static IEnumerable<(string Name, MigrationStatistics Statistics)> Snapshots()
    {
        foreach (KeyValuePair<object, Func<MigrationStatistics>> pair in s_migrations)
        {
            yield return (MapNames.Of(pair.Key), pair.Value());
        }
    }
}
