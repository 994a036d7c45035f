using System.Diagnostics;
using MapGuard.Internal;
using MapGuard.Telemetry;

namespace MapGuard.Bounded;

internal sealed partial class BoundedMap<TKey, TValue, TPolicy, TTelemetry>
{
    /// <summary>Sweeps every expired entry now. Called by the cleanup timer; tests call it directly.</summary>
    internal void CleanUp()
    {
        List<EvictionNotice<TKey, TValue>>? notices = null;
        using (LockTiming.Enter(_lock, _telemetry.Telemetry))
        {
            Sweep(_expiry.Now(), int.MaxValue, ref notices);
        }

        Deliver(notices);
    }

    /// <summary>
    /// Removes expired entries from the old end of the write order, looking at most at <paramref name="budget"/>.
    /// Under write expiry the list is sorted by expiry time, so the sweep stops at the first live entry. Under access
    /// expiry a live entry at the old end was read recently; it moves to the new end and the sweep goes on. Caller
    /// holds _lock.
    /// </summary>
    private void Sweep(long now, int budget, ref List<EvictionNotice<TKey, TValue>>? notices)
    {
        Debug.Assert(_writeOrder is not null, "sweep without expiry");
        for (int looked = 0, length = _writeOrder.Count; looked < budget && looked < length; looked++)
        {
            BoundedEntry<TKey, TValue> oldest = _writeOrder.Last!;
            if (_expiry.IsExpired(oldest, now))
            {
                Remove(oldest, EvictionReason.Expired, ref notices);
            }
            else if (_expiry.AfterWrite == 0)
            {
                _writeOrder.MoveToFront(oldest);
            }
            else
            {
                break;
            }
        }
    }

    /// <summary>
    /// One timer per expiring map on <see cref="TimeProvider"/>'s timer queue (thread-pool callbacks, no thread of
    /// its own). It holds the map weakly and stops itself once the map is collected.
    /// </summary>
    private sealed class CleanupTimer
    {
        private readonly WeakReference<BoundedMap<TKey, TValue, TPolicy, TTelemetry>> _map;
        private ITimer? _timer;

        private CleanupTimer(BoundedMap<TKey, TValue, TPolicy, TTelemetry> map) => _map = new(map);

        public static void Start(BoundedMap<TKey, TValue, TPolicy, TTelemetry> map, TimeProvider clock, TimeSpan period)
        {
            var cleanup = new CleanupTimer(map);
            cleanup._timer = clock.CreateTimer(static state => ((CleanupTimer)state!).Tick(), cleanup, period, period);
        }

        private void Tick()
        {
            if (_map.TryGetTarget(out BoundedMap<TKey, TValue, TPolicy, TTelemetry>? map))
            {
                map.CleanUp();
            }
            else
            {
                _timer?.Dispose();
            }
        }
    }
}
