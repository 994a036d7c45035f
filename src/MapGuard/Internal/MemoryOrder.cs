using System.Runtime.CompilerServices;

namespace MapGuard.Internal;

/// <summary>
/// The load-load barrier of the code that still calls it (GuardedDictionary's guard and LockFreeMap). New code calls
/// <see cref="Volatile.ReadBarrier"/> itself; this class goes once those call sites do.
/// </summary>
internal static class MemoryOrder
{
    /// <summary>
    /// Orders the loads before the call before the loads and stores after it: exactly <see cref="Volatile.ReadBarrier"/>,
    /// whose ordering the .NET memory model documents for every platform and compiler (on x64 it emits no
    /// instruction, but it still stops the JIT from moving loads across it; on ARM64 it is a load barrier).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadLoad() => Volatile.ReadBarrier();
}
