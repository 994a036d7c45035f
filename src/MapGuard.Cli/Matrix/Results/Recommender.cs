using System.Globalization;
using MapGuard.Cli.Matrix.Maps;

namespace MapGuard.Cli.Matrix.Results;

/// <summary>
/// Picks one map per (workload, key shape) from measured results. A pure function of its inputs, so it is tested on fixed sets.
/// </summary>
/// <remarks>
/// The rule, in order:
/// <list type="number">
/// <item>No recommendation unless every expected map has a valid result (throughput above zero, finite latency).</item>
/// <item>Start from the fastest map.</item>
/// <item>Maps within <see cref="NoiseMargin"/> of the fastest are tied on throughput. Among them, one whose p99 is at
/// most <see cref="ClearlyLowerP99"/> of the fastest's p99 wins on latency.</item>
/// <item>If ConcurrentDictionary is in that tie and its p99 is within <see cref="NearBestP99"/> of the pick's, it is
/// recommended instead: switching maps should buy more than noise.</item>
/// <item>When two MapGuard maps tie, the reason says so instead of claiming a win by 1.01×.</item>
/// </list>
/// </remarks>
internal static class Recommender
{
    /// <summary>Throughput within 5% of the fastest counts as a tie (run-to-run noise on a shared 2-core box).</summary>
    public const double NoiseMargin = 0.05;

    /// <summary>A tied map wins on latency when its p99 is at most 80% of the fastest map's (20% lower).</summary>
    public const double ClearlyLowerP99 = 0.80;

    /// <summary>A p99 up to 10% above another's counts as "near" it.</summary>
    public const double NearBestP99 = 1.10;

    /// <summary>
    /// Recommends a map for each (workload, key shape) of <paramref name="cells"/> that has complete data, comparing only
    /// rows of that workload and shape: a map is never judged against ConcurrentDictionary on other keys.
    /// </summary>
    /// <param name="results">Aggregated results, any order.</param>
    /// <param name="cells">(workload name, key shape name) pairs, in output order.</param>
    /// <param name="maps">Every map that was meant to be measured; a cell missing one of them gets no recommendation.</param>
    public static IReadOnlyList<Recommendation> Recommend(
        IReadOnlyList<ResultRow> results, IEnumerable<(string Workload, string KeyShape)> cells, IReadOnlyList<string> maps)
    {
        var recommendations = new List<Recommendation>();
        foreach (var (workload, keyShape) in cells)
        {
            var rows = results.Where(r => r.Workload == workload && r.KeyShape == keyShape).ToList();
            if (rows.Count > 0 && RecommendFor(workload, keyShape, rows, maps) is { } recommendation)
            {
                recommendations.Add(recommendation);
            }
        }

        return recommendations;
    }

    /// <summary>Recommends a map for one (workload, key shape), or returns null when its data is incomplete or invalid.</summary>
    public static Recommendation? RecommendFor(string workload, string keyShape, IReadOnlyList<ResultRow> rows, IReadOnlyList<string> maps)
    {
        if (maps.Count == 0 || !IsComplete(rows, maps))
        {
            return null;
        }

        var byThroughput = rows
            .OrderByDescending(r => r.OpsPerSecond)
            .ThenBy(r => r.Map == MapDescriptor.ReferenceName ? 0 : 1)
            .ThenBy(r => r.Map, StringComparer.Ordinal)
            .ToList();
        var fastest = byThroughput[0];
        var tied = byThroughput.Where(r => r.OpsPerSecond >= fastest.OpsPerSecond * (1 - NoiseMargin)).ToList();

        var pick = fastest;
        var lowestLatency = tied.OrderBy(r => r.P99Ns).ThenByDescending(r => r.OpsPerSecond).First();
        if (lowestLatency != fastest && lowestLatency.P99Ns <= fastest.P99Ns * ClearlyLowerP99)
        {
            pick = lowestLatency;
        }

        var reference = rows.FirstOrDefault(r => r.Map == MapDescriptor.ReferenceName);
        if (reference is not null && pick != reference && tied.Contains(reference) && reference.P99Ns <= pick.P99Ns * NearBestP99)
        {
            var bestOther = byThroughput.First(r => r != reference);
            return new Recommendation(workload, keyShape, reference.Map, string.Create(
                CultureInfo.InvariantCulture,
                $"no MapGuard map beats ConcurrentDictionary by more than {Percent(NoiseMargin)} here (best: {bestOther.Map} at {Times(bestOther.OpsPerSecond / reference.OpsPerSecond)})"));
        }

        if (pick != fastest)
        {
            double slower = 1 - (pick.OpsPerSecond / fastest.OpsPerSecond);
            double lowerP99 = 1 - (pick.P99Ns / fastest.P99Ns);
            return new Recommendation(workload, keyShape, pick.Map, string.Create(
                CultureInfo.InvariantCulture,
                $"within {Percent(Math.Max(slower, 0.01))} of the fastest ({fastest.Map}) with {Percent(lowerP99)} lower p99"));
        }

        if (byThroughput.Count == 1)
        {
            return new Recommendation(workload, keyShape, pick.Map, "the only map measured");
        }

        var runnerUp = byThroughput[1];
        if (pick == reference)
        {
            return new Recommendation(workload, keyShape, pick.Map, string.Create(
                CultureInfo.InvariantCulture,
                $"ConcurrentDictionary is fastest; no MapGuard map beats it here (best: {runnerUp.Map} at {Times(runnerUp.OpsPerSecond / pick.OpsPerSecond)})"));
        }

        if (tied.Contains(runnerUp))
        {
            // The margin is inside the noise: do not call it a win.
            return new Recommendation(workload, keyShape, pick.Map, string.Create(
                CultureInfo.InvariantCulture,
                $"tied with {runnerUp.Map} (only {Times(pick.OpsPerSecond / runnerUp.OpsPerSecond)}, within the {Percent(NoiseMargin)} noise margin); {P99Clause(pick, rows)}"));
        }

        return new Recommendation(workload, keyShape, pick.Map, string.Create(
            CultureInfo.InvariantCulture,
            $"fastest by {Times(pick.OpsPerSecond / runnerUp.OpsPerSecond)} over {runnerUp.Map}; {P99Clause(pick, rows)}"));
    }

    private static bool IsComplete(IReadOnlyList<ResultRow> rows, IReadOnlyList<string> maps) =>
        rows.Count == maps.Count
        && maps.All(map => rows.Count(r => r.Map == map) == 1)
        && rows.All(r => double.IsFinite(r.OpsPerSecond) && r.OpsPerSecond > 0 && double.IsFinite(r.P99Ns) && r.P99Ns >= 0);

    private static string P99Clause(ResultRow pick, IReadOnlyList<ResultRow> rows)
    {
        var best = rows.OrderBy(r => r.P99Ns).First();
        if (pick.P99Ns <= best.P99Ns)
        {
            return "best p99";
        }

        return pick.P99Ns <= best.P99Ns * NearBestP99
            ? string.Create(CultureInfo.InvariantCulture, $"p99 within {Percent(NearBestP99 - 1)} of best")
            : string.Create(CultureInfo.InvariantCulture, $"p99 {Times(best.P99Ns == 0 ? double.PositiveInfinity : pick.P99Ns / best.P99Ns)} the best ({best.Map})");
    }

    private static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(fraction * 100):0}%");

    private static string Times(double ratio) =>
        double.IsFinite(ratio) ? string.Create(CultureInfo.InvariantCulture, $"{ratio:0.0#}×") : "∞×";
}
