using MapGuard.Telemetry;
using static MapGuard.Diagnostics.MapOperation;
using static MapGuard.Diagnostics.MapOutcome;

namespace MapGuard.Diagnostics;

/// <summary>
/// Turns a map's operation cells (<see cref="MapCount"/>, one per op and result) into the series of
/// <see cref="MapGuardMeter.Operations"/>.
/// </summary>
internal static class OperationCounts
{
    private static readonly (MapCount Cell, MapOperation Operation, MapOutcome Outcome)[] s_series =
    [
        (MapCount.GetHit, Get, Hit), (MapCount.GetMiss, Get, Miss),
        (MapCount.SetStored, Set, Stored), (MapCount.SetRejected, Set, Rejected),
        (MapCount.AddStored, Add, Stored), (MapCount.AddRejected, Add, Rejected),
        (MapCount.RemoveHit, Remove, Hit), (MapCount.RemoveMiss, Remove, Miss),
        (MapCount.UpdateStored, Update, Stored), (MapCount.UpdateMiss, Update, Miss), (MapCount.UpdateRejected, Update, Rejected),
    ];

    /// <summary>Each series of <paramref name="telemetry"/> with its value now.</summary>
    /// <remarks>
    /// A map counts an operation once it has returned, so a sum never includes a call still in flight: once the map's
    /// calls have returned, every value is exact. RACE(benign): two threads that share a stripe can lose an increment
    /// (MapTelemetry), which could make a later sum smaller than one already reported; a counter must never go down
    /// (a monitoring system would read it as a restart), so each series reports the largest value it has reported.
    /// That never reports more than was counted, since every sum is at most the true count at its time.
    /// </remarks>
    public static IEnumerable<((MapOperation Operation, MapOutcome Outcome) Series, long Value)> Of(MapTelemetry telemetry)
    {
        var values = new ((MapOperation, MapOutcome), long)[s_series.Length];
        for (int i = 0; i < s_series.Length; i++)
        {
            (MapCount cell, MapOperation operation, MapOutcome outcome) = s_series[i];
            values[i] = ((operation, outcome), telemetry.Monotonic(cell));
        }

        return values;
    }
}
