namespace MapGuard.Telemetry;

/// <summary>
/// What the builder hands a map when it creates it: the map's name, and the telemetry it reports into.
/// </summary>
/// <param name="Name">The name given with <c>Named</c>, or null: errors and hash-flood reports then use the type's name.</param>
/// <param name="Telemetry">Where the map reports resizes, lock waits and evictions; null when metrics are off.</param>
/// <param name="CountsOperations">Whether the map also counts its operations there. False for the map inside a bounded
/// map, whose operations the bounded map counts.</param>
internal readonly record struct MapWiring(string? Name, MapTelemetry? Telemetry, bool CountsOperations)
{
    /// <summary>Gets the wiring of a map built with a public constructor: no name, no telemetry.</summary>
    public static MapWiring None => default;

    /// <summary>Gets the telemetry that counts the map's operations, or null.</summary>
    public MapTelemetry? Operations => CountsOperations ? Telemetry : null;
}
