namespace MapGuard.Telemetry;

/// <summary>
/// Telemetry as a struct type parameter of an internal map (<c>BoundedMap</c>): the JIT compiles the map once per
/// policy, so with <see cref="NoTelemetry"/> every count is an empty call it removes, and with
/// <see cref="CountingTelemetry"/> the count is inlined into the map's own method.
/// </summary>
internal interface ITelemetryPolicy
{
    /// <summary>Gets where the map's rare events go (lock waits, evictions), or null.</summary>
    MapTelemetry? Telemetry { get; }

    /// <summary>Counts one <paramref name="count"/>.</summary>
    void Count(MapCount count);
}
