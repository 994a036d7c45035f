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
    public void OneThread_KeepsItsStripeAcrossCalls()
    {
        int first = ThreadStripe.Current;
        Assert.Equal(first, Nested(8));

        static int Nested(int depth) => depth == 0 ? ThreadStripe.Current : Nested(depth - 1);
    }
}
