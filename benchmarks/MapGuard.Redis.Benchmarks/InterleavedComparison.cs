using System.Diagnostics;
using System.Globalization;

namespace MapGuard.Redis.Benchmarks;

/// <summary>
/// The same two benchmark bodies, run alternately: raw client, RedisMap, RedisMap, raw client, and so on. On a shared
/// 2-core machine the load drifts over a BenchmarkDotNet run, which measures all of one method before the other; here
/// each round's ratio compares two invocations taken back to back, and the median of the rounds is reported.
/// </summary>
public static class InterleavedComparison
{
    public static void Run(int rounds, IReadOnlyList<string> workloads)
    {
        Console.WriteLine($"{rounds} rounds per workload; 64 callers x 250 calls per invocation; ratio = RedisMap throughput / raw client throughput in the same round");
        Console.WriteLine("| workload | raw client (median ops/s) | RedisMap (median ops/s) | ratio, median | ratio, min-max |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (string workload in workloads)
        {
            var bench = new RedisMapVsRawClientBenchmarks { Workload = workload };
            bench.Setup();
            try
            {
                bench.RawClient(); // warm-up: JIT, connection, scripts loaded
                bench.RedisMap();
                var raw = new List<double>();
                var map = new List<double>();
                var ratios = new List<double>();
                for (int round = 0; round < rounds; round++)
                {
                    double rawSeconds;
                    double mapSeconds;
                    if (round % 2 == 0)
                    {
                        rawSeconds = Time(bench.RawClient);
                        mapSeconds = Time(bench.RedisMap);
                    }
                    else
                    {
                        mapSeconds = Time(bench.RedisMap);
                        rawSeconds = Time(bench.RawClient);
                    }

                    raw.Add(RedisMapVsRawClientBenchmarks.OperationsPerInvocation / rawSeconds);
                    map.Add(RedisMapVsRawClientBenchmarks.OperationsPerInvocation / mapSeconds);
                    ratios.Add(rawSeconds / mapSeconds);
                }

                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {workload} | {Median(raw):N0} | {Median(map):N0} | {Median(ratios):F2}x | {ratios.Min():F2}-{ratios.Max():F2} |"));
            }
            finally
            {
                bench.Cleanup();
            }
        }
    }

    private static double Time(Action body)
    {
        long start = Stopwatch.GetTimestamp();
        body();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
