using System.Diagnostics.Metrics;
using MapGuard.Diagnostics;
using MapGuard.Migration;
using MapGuard.Telemetry;

namespace MapGuard;

/// <summary>
/// MapGuard's one <see cref="Meter"/>, named <see cref="Name"/>. Listen with OpenTelemetry
/// (<c>AddMeter("MapGuard")</c>), <c>dotnet-counters monitor --counters MapGuard</c> or a <see cref="MeterListener"/>.
/// </summary>
/// <remarks>
/// Every instrument is observable: the code that counts bumps plain or striped counters, and the instrument reads
/// them when a listener collects, so no hot path ever calls <see cref="Counter{T}.Add(T)"/>. Each measurement carries
/// a <see cref="MapTag"/> tag with the name the user gave the map.
/// </remarks>
public static class MapGuardMeter
{
    /// <summary>The meter's name.</summary>
    public const string Name = "MapGuard";

    /// <summary>The tag that names the map a measurement belongs to.</summary>
    public const string MapTag = "map";

    /// <summary>
    /// Observable counter, unit <c>{violation}</c>: unsafe concurrent uses detected by
    /// <see cref="GuardedDictionary{TKey, TValue}"/>, per <see cref="MapTag"/> (the dictionaries' names summed; a
    /// series appears at its name's first violation).
    /// </summary>
    public const string GuardViolations = "mapguard.guard.violations";

    /// <summary>
    /// Observable counter, unit <c>{operation}</c>: operations on metered maps, tagged <see cref="OpTag"/>
    /// (get, set, add, remove, update) and <see cref="ResultTag"/> (hit, miss, stored, rejected).
    /// </summary>
    public const string Operations = "mapguard.map.operations";

    /// <summary>Observable gauge, unit <c>{entry}</c>: each metered map's <see cref="IConcurrentMap{TKey, TValue}.Count"/>.</summary>
    public const string Entries = "mapguard.map.entries";

    /// <summary>Observable counter, unit <c>{entry}</c>: entries that left a bounded map, tagged <see cref="ReasonTag"/> (capacity, expired).</summary>
    public const string Evictions = "mapguard.map.evictions";

    /// <summary>Observable counter, unit <c>{resize}</c>: completed table resizes (LockFreeMap tables, ShardedMap shards).</summary>
    public const string Resizes = "mapguard.map.resizes";

    /// <summary>Histogram, unit <c>s</c>: how long each resize took, from start to the new table's publication.</summary>
    public const string ResizeDuration = "mapguard.map.resize.duration";

    /// <summary>Histogram, unit <c>s</c>: waits for a map's lock, recorded only when the lock was contended.</summary>
    public const string LockWait = "mapguard.map.lock.wait";

    /// <summary>Observable counter, unit <c>{read}</c>: a migration's reads, tagged <see cref="ServedByTag"/> (target, fallback).</summary>
    public const string MigrationReads = "mapguard.migration.reads";

    /// <summary>Observable counter, unit <c>{entry}</c>: entries a migration copied to its target on a fallback read.</summary>
    public const string MigrationBackfills = "mapguard.migration.backfills";

    /// <summary>Observable counter, unit <c>{entry}</c>: entries a migration's sweep copied to its target.</summary>
    public const string MigrationSweptKeys = "mapguard.migration.swept_keys";

    /// <summary>Observable gauge, unit <c>{ratio}</c>: the share of a migration's reads of stored keys that its target answered.</summary>
    public const string MigrationTargetHitRatio = "mapguard.migration.target_hit_ratio";

    /// <summary>Observable gauge, unit <c>{phase}</c>: a migration's phase (0 DualWrite, 1 Draining, 2 CutOver, 3 RolledBack).</summary>
    public const string MigrationPhase = "mapguard.migration.phase";

    /// <summary>The tag of <see cref="MigrationReads"/> saying which map answered.</summary>
    public const string ServedByTag = "served_by";

    /// <summary>The operation tag of <see cref="Operations"/>.</summary>
    public const string OpTag = "op";

    /// <summary>The result tag of <see cref="Operations"/>.</summary>
    public const string ResultTag = "result";

    /// <summary>The reason tag of <see cref="Evictions"/>.</summary>
    public const string ReasonTag = "reason";

    /// <summary>
    /// Observable counter, unit <c>{operation}</c>: operations that met more than
    /// <see cref="HashFloodMonitor.CollisionBound"/> keys sharing their key's full hash code, per <see cref="MapTag"/>.
    /// </summary>
    public const string HashCollisions = "mapguard.map.hash_collisions";

    /// <summary>Gets the meter every MapGuard instrument belongs to.</summary>
    internal static Meter Meter { get; } = CreateMeter();

    // Waits and resizes run from microseconds to seconds; exporters' default buckets assume milliseconds.
    private static readonly InstrumentAdvice<double> s_secondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.000_01, 0.000_05, 0.000_1, 0.000_5, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    };

    /// <summary>Gets the resize-duration histogram.</summary>
    internal static Histogram<double> ResizeDurationHistogram { get; } =
        Meter.CreateHistogram(ResizeDuration, unit: "s", description: "Duration of table resizes, start to publication.", tags: null, advice: s_secondsBuckets);

    /// <summary>Gets the lock-wait histogram.</summary>
    internal static Histogram<double> LockWaitHistogram { get; } =
        Meter.CreateHistogram(LockWait, unit: "s", description: "Waits for a map's lock that outlast a short spin (a few microseconds); shorter ones are not recorded.", tags: null, advice: s_secondsBuckets);

    private static Meter CreateMeter()
    {
        var meter = new Meter(Name, typeof(MapGuardMeter).Assembly.GetName().Version?.ToString());
        meter.CreateObservableCounter(
            GuardViolations,
            ObserveGuardViolations,
            unit: "{violation}",
            description: "Overlapping operations on a GuardedDictionary, detected as they started.");
        meter.CreateObservableCounter(Operations, ObserveOperations, unit: "{operation}", description: "Operations on metered maps by op and result.");
        meter.CreateObservableGauge(Entries, ObserveEntries, unit: "{entry}", description: "Entries in each metered map.");
        meter.CreateObservableCounter(Evictions, ObserveEvictions, unit: "{entry}", description: "Entries evicted from bounded maps, by reason.");
        meter.CreateObservableCounter(Resizes, ObserveResizes, unit: "{resize}", description: "Completed table resizes.");
        meter.CreateObservableCounter(MigrationReads, ObserveMigrationReads, unit: "{read}", description: "Reads during a migration, by the map that answered.");
        meter.CreateObservableCounter(
            MigrationBackfills,
            () => ObserveMigrations(s => s.Backfills),
            unit: "{entry}",
            description: "Entries copied to the target map by fallback reads.");
        meter.CreateObservableCounter(
            MigrationSweptKeys,
            () => ObserveMigrations(s => s.SweptKeys),
            unit: "{entry}",
            description: "Entries copied to the target map by the sweep.");
        meter.CreateObservableGauge(
            MigrationTargetHitRatio,
            () => ObserveMigrations(s => double.IsNaN(s.TargetHitRatio) ? 0 : s.TargetHitRatio),
            unit: "{ratio}",
            description: "Share of reads of stored keys that the target map answered.");
        meter.CreateObservableGauge(
            MigrationPhase,
            () => ObserveMigrations(s => (long)s.Phase),
            unit: "{phase}",
            description: "Migration phase: 0 DualWrite, 1 Draining, 2 CutOver, 3 RolledBack.");
        meter.CreateObservableCounter(
            HashCollisions,
            () => Observe(NamedCounters.HashCollisions),
            unit: "{operation}",
            description: "Operations that met more keys sharing one hash code than chance allows: hash flooding.");
        return meter;
    }

    private static IEnumerable<Measurement<long>> ObserveGuardViolations() => Observe(NamedCounters.GuardViolations);

    private static IEnumerable<Measurement<long>> ObserveOperations()
    {
        // Maps that share a name share a series: sum them, so each tag set is reported once.
        var sums = new Dictionary<(string, MapOperation, MapOutcome), long>();
        foreach (MapTelemetry telemetry in MapTelemetry.Live.Snapshot())
        {
            foreach (((MapOperation Operation, MapOutcome Outcome) series, long value) in OperationCounts.Of(telemetry))
            {
                if (value != 0)
                {
                    (string, MapOperation, MapOutcome) key = (telemetry.Name, series.Operation, series.Outcome);
                    sums[key] = sums.GetValueOrDefault(key) + value;
                }
            }
        }

        foreach (KeyValuePair<(string Name, MapOperation Operation, MapOutcome Outcome), long> pair in sums)
        {
            yield return new Measurement<long>(
                pair.Value,
                new KeyValuePair<string, object?>(MapTag, pair.Key.Name),
                new KeyValuePair<string, object?>(OpTag, TagText(pair.Key.Operation)),
                new KeyValuePair<string, object?>(ResultTag, TagText(pair.Key.Outcome)));
        }
    }

    private static IEnumerable<Measurement<long>> ObserveEntries() =>
        MapTelemetry.Live.Snapshot().Where(t => t.Entries is not null).GroupBy(t => t.Name, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.Sum(t => (long)t.Entries!()), new KeyValuePair<string, object?>(MapTag, g.Key)));

    private static IEnumerable<Measurement<long>> ObserveEvictions()
    {
        foreach (IGrouping<string, MapTelemetry> group in MapTelemetry.Live.Snapshot().GroupBy(t => t.Name, StringComparer.Ordinal))
        {
            foreach (EvictionReason reason in (EvictionReason[])[EvictionReason.Capacity, EvictionReason.Expired])
            {
                long value = group.Sum(t => t.Evictions((int)reason));
                if (value != 0)
                {
                    yield return new Measurement<long>(value, new KeyValuePair<string, object?>(MapTag, group.Key), new KeyValuePair<string, object?>(ReasonTag, TagText(reason)));
                }
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveResizes() =>
        MapTelemetry.Live.Snapshot().GroupBy(t => t.Name, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.Sum(t => t.ResizeCount), new KeyValuePair<string, object?>(MapTag, g.Key)));

    private static IEnumerable<Measurement<long>> ObserveMigrationReads()
    {
        foreach ((string name, MigrationStatistics statistics) in MigrationTelemetry.Snapshots())
        {
            var map = new KeyValuePair<string, object?>(MapTag, name);
            yield return new Measurement<long>(statistics.TargetHits, map, new KeyValuePair<string, object?>(ServedByTag, "target"));
            yield return new Measurement<long>(statistics.FallbackReads, map, new KeyValuePair<string, object?>(ServedByTag, "fallback"));
        }
    }

    private static IEnumerable<Measurement<T>> ObserveMigrations<T>(Func<MigrationStatistics, T> value)
        where T : struct =>
        MigrationTelemetry.Snapshots().Select(m => new Measurement<T>(value(m.Statistics), new KeyValuePair<string, object?>(MapTag, m.Name)));

    // Tag values are lower-case words, as docs/design/metrics.md lists them.
    private static string TagText<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    private static IEnumerable<Measurement<long>> Observe(NamedCounters counters) =>
        counters.Snapshot().Select(c => new Measurement<long>(c.Count, new KeyValuePair<string, object?>(MapTag, c.Name)));
}
