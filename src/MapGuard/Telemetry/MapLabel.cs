namespace MapGuard.Telemetry;

/// <summary>
/// A map's name and whether it has been reported for hash flooding: what a map, and the comparer it hands a BCL
/// collection, need for a report. Each map owns one, so nothing is looked up per map.
/// </summary>
internal sealed class MapLabel
{
    private int _floodReported; // 0, then 1 after the first report; READ AND WRITTEN WITH: Interlocked.Exchange

    /// <param name="name">The name the map was built with, or null for its type's name.</param>
    public MapLabel(string? name) => Name = name;

    /// <summary>Gets the name the map was built with, or null.</summary>
    public string? Name { get; }

    /// <summary>The name the map reports under: <see cref="Name"/>, or <paramref name="map"/>'s type name.</summary>
    public string NameOf(object map) => MapNames.Of(Name, map);

    /// <summary>Returns true exactly once: for the first hash-flood report of the map.</summary>
    public bool TryMarkFloodReported() =>
        Interlocked.Exchange(ref _floodReported, 1) == 0; // ORDER: full fence; one caller sees 0
}
