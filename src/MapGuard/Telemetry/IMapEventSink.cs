namespace MapGuard.Telemetry;

/// <summary>
/// Where a map's rare timed events go: the histograms of the <c>MapGuard</c> meter. Diagnostics implements it; a map
/// reaches it only through its own <see cref="MapTelemetry"/>, so the maps never see the meter.
/// </summary>
internal interface IMapEventSink
{
    /// <summary>A resize of a map reporting into <paramref name="telemetry"/> took <paramref name="elapsed"/>.</summary>
    void ResizeFinished(MapTelemetry telemetry, TimeSpan elapsed);

    /// <summary>A thread waited <paramref name="elapsed"/> for a contended lock of a map reporting into <paramref name="telemetry"/>.</summary>
    void LockWaited(MapTelemetry telemetry, TimeSpan elapsed);
}
