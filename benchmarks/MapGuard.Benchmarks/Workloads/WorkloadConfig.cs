using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace MapGuard.Benchmarks.Workloads;

/// <summary>
/// One invocation runs every thread's whole operation stream (about a million calls per thread), so per-call
/// timer noise vanishes; ten measured iterations per case keep the full grid to a few minutes.
/// </summary>
public class WorkloadConfig : ManualConfig
{
    public WorkloadConfig()
        : this(launchCount: 1)
    {
    }

    /// <summary>The same job, run in <paramref name="launchCount"/> processes.</summary>
    protected WorkloadConfig(int launchCount)
    {
        AddJob(Job.Default
            .WithLaunchCount(launchCount)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
        SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithRatioStyle(BenchmarkDotNet.Columns.RatioStyle.Trend);
    }
}
