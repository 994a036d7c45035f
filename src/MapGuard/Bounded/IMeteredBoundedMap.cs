using MapGuard.Diagnostics;

namespace MapGuard.Bounded;

/// <summary>A bounded map whatever its type arguments, so the builder can hand it the metrics its evictions count into.</summary>
internal interface IMeteredBoundedMap
{
    /// <summary>Gets or sets the metrics; null when the map is not metered.</summary>
    MapMetrics? Metrics { get; set; }
}
