using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace MapGuard.Internal;

/// <summary>Fences that .NET's Volatile API does not name.</summary>
internal static class MemoryOrder
{
    /// <summary>
    /// Orders earlier loads before later loads. x86/x64 never reorders loads with loads (TSO) and the JIT does not
    /// move loads across the volatile read that follows, so there it is free; ARM64 needs a real barrier.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadLoad()
    {
        if (!X86Base.IsSupported)
        {
            Interlocked.MemoryBarrier();
        }
    }
}
