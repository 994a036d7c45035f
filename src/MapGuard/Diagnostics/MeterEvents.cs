using MapGuard.Telemetry;

namespace MapGuard.Diagnostics;

/// <summary>
/// Records the timed events maps report through their <see cref="MapTelemetry"/> into the meter's histograms. The
/// builder hands this to every telemetry object it creates; the maps never see it.
/// </summary>
internal sealed class MeterEvents : IMapEventSink
{
    private MeterEvents()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static MeterEvents Instance { get; } = new();

    public void ResizeFinished(MapTelemetry telemetry, TimeSpan elapsed) =>
        MapGuardMeter.ResizeDurationHistogram.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(MapGuardMeter.MapTag, telemetry.Name));

    public void LockWaited(MapTelemetry telemetry, TimeSpan elapsed) =>
        MapGuardMeter.LockWaitHistogram.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(MapGuardMeter.MapTag, telemetry.Name));
}
