using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

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
    /// Observable counter, unit <c>{operation}</c>: operations that met more than
    /// <see cref="HashFloodMonitor.CollisionBound"/> keys sharing their key's full hash code, per <see cref="MapTag"/>.
    /// </summary>
    public const string HashCollisions = "mapguard.map.hash_collisions";

    // Violations are rare, so one plain counter per name is enough: no striping.
    private static readonly ConcurrentDictionary<string, StrongBox<long>> s_guardViolations = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, StrongBox<long>> s_hashCollisions = new(StringComparer.Ordinal);

    /// <summary>Gets the meter every MapGuard instrument belongs to.</summary>
    internal static Meter Meter { get; } = CreateMeter();

    /// <summary>Counts one violation of the guarded dictionaries named <paramref name="mapName"/>.</summary>
    internal static void RecordGuardViolation(string mapName)
    {
        StrongBox<long> counter = s_guardViolations.GetOrAdd(mapName, static _ => new StrongBox<long>());
        Interlocked.Increment(ref counter.Value);
    }

    /// <summary>Counts one over-the-bound operation on the maps named <paramref name="mapName"/>.</summary>
    internal static void RecordHashCollision(string mapName)
    {
        StrongBox<long> counter = s_hashCollisions.GetOrAdd(mapName, static _ => new StrongBox<long>());
        Interlocked.Increment(ref counter.Value);
    }

    private static Meter CreateMeter()
    {
        var meter = new Meter(Name, typeof(MapGuardMeter).Assembly.GetName().Version?.ToString());
        meter.CreateObservableCounter(
            GuardViolations,
            ObserveGuardViolations,
            unit: "{violation}",
            description: "Overlapping operations on a GuardedDictionary, detected as they started.");
        meter.CreateObservableCounter(
            HashCollisions,
            () => Observe(s_hashCollisions),
            unit: "{operation}",
            description: "Operations that met more keys sharing one hash code than chance allows: hash flooding.");
        return meter;
    }

    private static IEnumerable<Measurement<long>> ObserveGuardViolations() => Observe(s_guardViolations);

    private static IEnumerable<Measurement<long>> Observe(ConcurrentDictionary<string, StrongBox<long>> counters)
    {
        foreach (KeyValuePair<string, StrongBox<long>> pair in counters)
        {
            yield return new Measurement<long>(Interlocked.Read(ref pair.Value.Value), new KeyValuePair<string, object?>(MapTag, pair.Key));
        }
    }
}
