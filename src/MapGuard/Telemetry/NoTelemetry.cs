namespace MapGuard.Telemetry;

/// <summary>The telemetry policy of a map built without metrics: counts nothing, and the JIT drops every call.</summary>
internal readonly struct NoTelemetry : ITelemetryPolicy
{
    public MapTelemetry? Telemetry => null;

    public void Count(MapCount count)
    {
    }
}
