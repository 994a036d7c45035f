using System.Diagnostics;
using System.Runtime.CompilerServices;
using MapGuard.Telemetry;

namespace MapGuard.Internal;

/// <summary>
/// Enters a map's lock, timing the wait only when the lock was contended: the uncontended path is one
/// <see cref="Lock.TryEnter()"/>, as <see cref="Lock.EnterScope"/> would do, and takes no timestamp.
/// </summary>
internal static class LockTiming
{
    /// <summary>Enters <paramref name="gate"/>; a contended wait is recorded in <paramref name="telemetry"/> when there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scope Enter(Lock gate, MapTelemetry? telemetry)
    {
        EnterLock(gate, telemetry);
        return new Scope(gate);
    }

    /// <summary>As <see cref="Enter"/>, for callers that exit the lock themselves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void EnterLock(Lock gate, MapTelemetry? telemetry)
    {
        if (!gate.TryEnter())
        {
            EnterContended(gate, telemetry);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EnterContended(Lock gate, MapTelemetry? telemetry)
    {
        if (telemetry is null)
        {
            gate.Enter();
            return;
        }

        long start = Stopwatch.GetTimestamp();
        gate.Enter();
        telemetry.RecordLockWait(Stopwatch.GetElapsedTime(start));
    }

    /// <summary>Exits the lock when disposed.</summary>
    public readonly ref struct Scope
    {
        private readonly Lock _gate;

        public Scope(Lock gate) => _gate = gate;

        public void Dispose() => _gate.Exit();
    }
}
