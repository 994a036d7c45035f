using System.Diagnostics;
using System.Runtime.CompilerServices;
using MapGuard.Telemetry;

namespace MapGuard.Internal;

/// <summary>
/// Enters a map's lock, timing the wait only when the lock stays contended through a short spin: the uncontended path
/// is one <see cref="Lock.TryEnter()"/>, as <see cref="Lock.EnterScope"/> would do, and takes no timestamp.
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
        // A short wait ends within a spin and is not timed: a clock read costs about as much as such a wait (35 ns on
        // a VM's kvm-clock), and the one after the acquisition lengthens the critical section, which every other
        // waiter pays for. The spin never yields, so it lasts a few microseconds, under the histogram's first bucket.
        // It runs with metrics off too, so that metrics change what is recorded and not how the lock is taken.
        SpinWait spinner = default;
        while (!spinner.NextSpinWillYield)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if (gate.TryEnter())
            {
                return;
            }
        }

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
