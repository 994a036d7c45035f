using MapGuard.Telemetry;

namespace MapGuard.Tests.Diagnostics;

public sealed class ThreadStripeTests
{
    [Fact]
    public void ThreadsAliveAtOnce_GetMostlyDistinctStripes()
    {
        // The stripe comes from the stack address, so it is a hint, not an identity; but threads that run at the same
        // time must mostly land apart, or the striped counters would bounce one cache line between cores again.
        const int Threads = 8;
        int[] stripes = new int[Threads];
        using var allStarted = new Barrier(Threads);
        Thread[] threads = [.. Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            allStarted.SignalAndWait(TestContext.Current.CancellationToken); // every stack exists at once
            stripes[i] = ThreadStripe.Current & 63;
        }))];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        int distinct = stripes.Distinct().Count();
        TestContext.Current.SendDiagnosticMessage($"stripes: {string.Join(", ", stripes)}");
        // Measured: 8 of 8 on Linux's 8 MiB stacks; the unfolded stack address gave 1 (every stack 8 MiB + 4 KiB apart).
        Assert.True(distinct >= 5, $"only {distinct} distinct stripes among {Threads} live threads: {string.Join(", ", stripes)}");
    }

    [Fact]
    public void OneThread_KeepsItsStripeAcrossCalls_WhileItsFramesShareAGranule()
    {
        // The remark on ThreadStripe: a thread maps to two stripes only where its frames straddle a 64 KiB granule,
        // which depends on how deep the runner has put this frame; the test checks the stripe wherever they do not.
        int first = ThreadStripe.Current;
        nuint outer = FrameAddress();
        (int inner, nuint innerAddress) = Nested(8);
        if ((outer >> ThreadStripe.GranuleShift) == (innerAddress >> ThreadStripe.GranuleShift))
        {
            Assert.Equal(first, inner);
        }

        static (int Stripe, nuint Address) Nested(int depth) =>
            depth == 0 ? (ThreadStripe.Current, FrameAddress()) : Nested(depth - 1);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        static nuint FrameAddress() // inlined: the address of a local in the frame that reads the stripe
        {
            System.Runtime.CompilerServices.Unsafe.SkipInit(out byte marker);
            return (nuint)System.Runtime.CompilerServices.Unsafe.ByteOffset(ref System.Runtime.CompilerServices.Unsafe.NullRef<byte>(), ref marker);
        }
    }
}
