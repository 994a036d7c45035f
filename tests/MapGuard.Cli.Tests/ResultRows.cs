using MapGuard.Cli.Matrix.Results;

namespace MapGuard.Cli.Tests;

/// <summary>Builds fixed result rows for the pure-function tests.</summary>
internal static class ResultRows
{
    public static ResultRow Row(string map, double mops, double p99Ns, string workload = "w", double? ratio = null, string keyShape = "random") => new()
    {
        Workload = workload,
        Map = map,
        Threads = 2,
        Keys = 1024,
        ReadPercent = 90,
        Distribution = "uniform",
        KeyShape = keyShape,
        OpsPerSecond = mops * 1e6,
        RatioToConcurrentDictionary = ratio,
        P50Ns = p99Ns / 4,
        P99Ns = p99Ns,
        P999Ns = p99Ns * 3,
        AllocatedBytesPerOp = 0,
        GcCount = 0,
        GcPauseMs = 0,
        BytesPerEntry = 64,
        Rounds = 1,
    };
}
