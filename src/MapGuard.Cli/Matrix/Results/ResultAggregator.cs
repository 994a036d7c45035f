using MapGuard.Cli.Matrix.Maps;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Matrix.Results;

/// <summary>Turns per-round measurements into one <see cref="ResultRow"/> per (workload, key shape, map).</summary>
internal static class ResultAggregator
{
    /// <summary>
    /// Aggregates <paramref name="measurements"/>: medians over rounds for throughput, latency, allocation and bytes
    /// per entry; sums for GC count and pause. The ratio is this map's median throughput over ConcurrentDictionary's
    /// median throughput on the same workload and key shape in the same run, so the ratio in a cell always agrees with the throughputs beside it.
    /// </summary>
    public static List<ResultRow> Aggregate(IReadOnlyList<Workload> workloads, IReadOnlyList<string> maps, IReadOnlyList<Measurement> measurements)
    {
        var rows = new List<ResultRow>();
        foreach (var workload in workloads)
        {
            var forWorkload = measurements.Where(m => m.Workload.Name == workload.Name && m.Workload.KeyShape == workload.KeyShape && m.Result is not null).ToList();
            var referenceRuns = forWorkload.Where(m => m.Map == MapDescriptor.ReferenceName).Select(m => m.Result!.OpsPerSecond).ToList();
            double? referenceOps = referenceRuns.Count > 0 ? Median(referenceRuns) : null;
            foreach (string map in maps)
            {
                var runs = forWorkload.Where(m => m.Map == map).ToList();
                if (runs.Count == 0)
                {
                    continue;
                }

                var throughputs = runs.Select(m => m.Result!.OpsPerSecond).ToList();
                double medianOps = Median(throughputs);
                double spread = medianOps > 0 ? (throughputs.Max() - throughputs.Min()) / medianOps * 100 : 0;
                double? ratio = map == MapDescriptor.ReferenceName ? 1.0 : referenceOps > 0 ? medianOps / referenceOps : null;

                rows.Add(new ResultRow
                {
                    Workload = workload.Name,
                    Map = map,
                    Threads = workload.Threads,
                    Keys = workload.Keys,
                    ReadPercent = workload.ReadPercent,
                    Distribution = workload.DistributionName,
                    KeyShape = workload.KeyShapeName,
                    OpsPerSecond = Math.Round(medianOps),
                    RatioToConcurrentDictionary = ratio is null ? null : Math.Round(ratio.Value, 4),
                    P50Ns = Math.Round(Median(runs.Select(m => m.Result!.P50Ns)), 1),
                    P99Ns = Math.Round(Median(runs.Select(m => m.Result!.P99Ns)), 1),
                    P999Ns = Math.Round(Median(runs.Select(m => m.Result!.P999Ns)), 1),
                    AllocatedBytesPerOp = Math.Round(Median(runs.Select(m => m.Result!.AllocatedBytesPerOp)), 4),
                    GcCount = runs.Sum(m => m.Result!.GcCount),
                    GcPauseMs = Math.Round(runs.Sum(m => m.Result!.GcPauseMs), 3),
                    BytesPerEntry = Math.Round(Median(runs.Select(m => m.Result!.BytesPerEntry)), 1),
                    SpreadPercent = Math.Round(spread, 1),
                    Rounds = runs.Count,
                });
            }
        }

        return rows;
    }

    /// <summary>The median; the mean of the two middle values for an even count. Monotone, so p50 ≤ p99 survives it.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
