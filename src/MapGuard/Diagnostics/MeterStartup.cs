using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace MapGuard.Diagnostics;

/// <summary>
/// Creates the <c>MapGuard</c> meter when the assembly loads. Maps report through telemetry objects and name-keyed
/// counters that know nothing of the meter, so nothing else would create it before a listener collects; created here,
/// its instruments are visible to a listener (OpenTelemetry, dotnet-counters) from the start of the process.
/// </summary>
internal static class MeterStartup
{
    [ModuleInitializer]
    [SuppressMessage(
        "Usage",
        "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "Creating one Meter and its observable instruments is cheap, has no side effect outside System.Diagnostics.Metrics, and keeps the maps free of any reference to the meter.")]
    internal static void CreateMeter() => GC.KeepAlive(MapGuardMeter.Meter);
}
