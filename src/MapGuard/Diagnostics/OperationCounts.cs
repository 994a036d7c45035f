using MapGuard.Telemetry;
using static MapGuard.Diagnostics.MapOperation;
using static MapGuard.Diagnostics.MapOutcome;

namespace MapGuard.Diagnostics;

/// <summary>
/// Turns a map's operation cells (<see cref="MapCount"/>: calls and rare outcomes) into the op and result series of
/// <see cref="MapGuardMeter.Operations"/>: the usual outcome of each op is its calls less its rare outcomes.
/// </summary>
internal static class OperationCounts
{
    /// <summary>Each series of <paramref name="telemetry"/> with its value now.</summary>
    /// <remarks>
    /// The rare outcomes are read before the calls. A call is counted before its outcome on the same thread, so the
    /// calls read later include the call of every outcome read earlier: an outcome never outruns its call. A lookup
    /// still in flight when the calls are read counts as the usual outcome (a hit) in this collection; if it then
    /// misses, the next collection moves it to the misses, so a derived series can step back by the number of calls in
    /// flight at one collection when fewer new calls than that come in before the next. Once the map's calls have
    /// returned, every value is exact: single-threaded sequences are exact whenever they are collected. (A clamp that
    /// never reports less than before would keep such a step as a lasting over-count instead.)
    /// </remarks>
    public static IEnumerable<((MapOperation Operation, MapOutcome Outcome) Series, long Value)> Of(MapTelemetry telemetry)
    {
        long getMiss = telemetry.Sum(MapCount.GetMiss);
        long setRejected = telemetry.Sum(MapCount.SetRejected);
        long addRejected = telemetry.Sum(MapCount.AddRejected);
        long removeMiss = telemetry.Sum(MapCount.RemoveMiss);
        long updateMiss = telemetry.Sum(MapCount.UpdateMiss);
        long updateRejected = telemetry.Sum(MapCount.UpdateRejected);

        long getHit = telemetry.Sum(MapCount.GetCall) - getMiss;
        long setStored = telemetry.Sum(MapCount.SetCall) - setRejected;
        long addStored = telemetry.Sum(MapCount.AddCall) - addRejected;
        long removeHit = telemetry.Sum(MapCount.RemoveCall) - removeMiss;
        long updateStored = telemetry.Sum(MapCount.UpdateCall) - updateMiss - updateRejected;

        // RACE(benign): striped cells may lose an increment (MapTelemetry), so a difference can dip below 0: report 0.
        return
        [
            ((Get, Hit), Math.Max(0, getHit)), ((Get, Miss), getMiss),
            ((Set, Stored), Math.Max(0, setStored)), ((Set, Rejected), setRejected),
            ((Add, Stored), Math.Max(0, addStored)), ((Add, Rejected), addRejected),
            ((Remove, Hit), Math.Max(0, removeHit)), ((Remove, Miss), removeMiss),
            ((Update, Stored), Math.Max(0, updateStored)), ((Update, Miss), updateMiss), ((Update, Rejected), updateRejected),
        ];
    }
}
