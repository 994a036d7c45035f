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
    /// calls read later include the call of every outcome read earlier, and no derived value falls below the true count
    /// at the moment the outcomes were read. A call whose outcome lands between the two reads is reported as the usual
    /// outcome this time and moves to the rare one next time; so that a counter never goes down, each derived value is
    /// reported as at least the value reported before it, and the difference is made good as the true count catches up.
    /// Single-threaded sequences are exact.
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

        lock (telemetry.Reported)
        {
            getHit = Monotonic(telemetry.Reported, 0, getHit);
            setStored = Monotonic(telemetry.Reported, 1, setStored);
            addStored = Monotonic(telemetry.Reported, 2, addStored);
            removeHit = Monotonic(telemetry.Reported, 3, removeHit);
            updateStored = Monotonic(telemetry.Reported, 4, updateStored);
        }

        return
        [
            ((Get, Hit), getHit), ((Get, Miss), getMiss),
            ((Set, Stored), setStored), ((Set, Rejected), setRejected),
            ((Add, Stored), addStored), ((Add, Rejected), addRejected),
            ((Remove, Hit), removeHit), ((Remove, Miss), removeMiss),
            ((Update, Stored), updateStored), ((Update, Miss), updateMiss), ((Update, Rejected), updateRejected),
        ];
    }

    private static long Monotonic(long[] reported, int series, long value)
    {
        long result = Math.Max(reported[series], value);
        reported[series] = result;
        return result;
    }
}
