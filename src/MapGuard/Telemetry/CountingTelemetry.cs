using System.Runtime.CompilerServices;

namespace MapGuard.Telemetry;

/// <summary>The telemetry policy of a map built with metrics: counts into its <see cref="MapTelemetry"/>.</summary>
internal readonly struct CountingTelemetry : ITelemetryPolicy
{
    private readonly MapTelemetry _telemetry;

    public CountingTelemetry(MapTelemetry telemetry) => _telemetry = telemetry;

    public MapTelemetry? Telemetry => _telemetry;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Count(MapCount count) => _telemetry.Count(count);
}
