using System.Numerics;
using System.Runtime.CompilerServices;

namespace MapGuard.Telemetry;

/// <summary>
/// A number that tells the calling thread apart from the others cheaply, for picking a counter stripe: the address of
/// the caller's stack frame in 64 KiB units, folded. No thread-local storage is read.
/// </summary>
/// <remarks>
/// Every thread runs on its own stack, so two threads never see the same address at the same time. On Linux x64 the
/// JIT compiles a <c>[ThreadStatic]</c> read to a call into a TLS helper, which cost 1.4 ns more per counted call
/// than this (<c>CounterStripeBenchmarks</c>, docs/design/metrics.md); this costs a rotate, an xor and a shift.
/// The same idea is how early Linux kernels found the current task, by masking the stack pointer. Thread stacks are
/// at least 256 KiB and usually lie side by side at a fixed stride (8 MiB and one guard page on Linux), so the address
/// alone, masked, would give every thread the same few bits; folding in the bits 6 places higher turns that stride
/// into distinct low bits (<c>ThreadStripeTests</c>: 8 threads alive at once get 8 distinct stripes of 64 here, the
/// unfolded address 1). This is a hint, not an identity: one thread may map to two numbers (its frames straddle a
/// boundary), and two threads may share a stripe; callers must tolerate both.
/// </remarks>
internal static class ThreadStripe
{
    /// <summary>The granule of <see cref="Folded"/> that tells threads apart: 64 KiB, well under the smallest thread
    /// stack and well over a burst of frames.</summary>
    public const int GranuleShift = 16;

    /// <summary>Gets a number that differs between threads running at the same time, usually.</summary>
    public static int Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (int)(Folded >> GranuleShift);
    }

    /// <summary>
    /// Gets the caller's frame address folded onto itself, unshifted: its bits from <see cref="GranuleShift"/> up
    /// tell threads apart. For callers that scale the stripe into a byte offset with one shift and one mask.
    /// </summary>
    /// <remarks>Bits 16-21 of the result are the address's bits 16-21 xor its bits 22-27, so stacks a power-of-two
    /// stride apart, up to 128 MiB, still differ there. The JIT emits a copy, a rotate and an xor.</remarks>
    public static nuint Folded
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            nuint address = FrameAddress;
            return address ^ BitOperations.RotateRight(address, 6);
        }
    }

    /// <summary>Gets the address of the caller's frame (of a local in it).</summary>
    [SkipLocalsInit] // the marker's value is never read, so the frame need not zero it
    private static nuint FrameAddress
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            Unsafe.SkipInit(out byte marker); // only its address is used: no store
            return (nuint)Unsafe.ByteOffset(ref Unsafe.NullRef<byte>(), ref marker); // no pointer escapes
        }
    }
}
