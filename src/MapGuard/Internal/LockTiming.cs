using System.Diagnostics;
using System.Runtime.CompilerServices;
using MapGuard.Diagnostics;

namespace MapGuard.Internal;

/// <summary>
/// Enters a map's lock, timing the wait only when the lock was contended: the uncontended path is one
/// <see cref="Lock.TryEnter()"/>, as <see cref="Lock.EnterScope"/> would do, and takes no timestamp.
/// </summary>
internal static class LockTiming
{
    /// <summary>Enters <paramref name="gate"/>; a contended wait is recorded against <paramref name="map"/>'s metrics.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scope Enter(Lock gate, object map)
    {
        EnterLock(gate, map);
        return new Scope(gate);
    }

    /// <summary>As <see cref="Enter"/>, for callers that exit the lock themselves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void EnterLock(Lock gate, object map)
    {
        if (!gate.TryEnter())
        {
            EnterContended(gate, map);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EnterContended(Lock gate, object map)
    {
        long start = Stopwatch.GetTimestamp();
        gate.Enter();
        MapMetrics.RecordLockWait(map, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>Exits the lock when disposed.</summary>
    public readonly ref struct Scope
    {
        private readonly Lock _gate;

        public Scope(Lock gate) => _gate = gate;

        public void Dispose() => _gate.Exit();
    }
}
