namespace MapGuard.Internal;

/// <summary>The factory runs in flight of the maps behind <see cref="ForeignMapGate{TKey}"/>, one claim per map.</summary>
internal static class ForeignMapRuns
{
    /// <summary>Gets the table of claims: a map is in it only while one of its factories runs.</summary>
    public static FactoryGate<object> Gate { get; } = FactoryGate<object>.ForMaps();
}
