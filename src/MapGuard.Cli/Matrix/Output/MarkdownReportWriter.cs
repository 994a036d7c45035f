using System.Globalization;
using System.Text;
using MapGuard.Cli.Matrix.Results;

namespace MapGuard.Cli.Matrix.Output;

/// <summary>The report as Markdown: the run's context, the matrix, the recommendations and every metric.</summary>
internal static class MarkdownReportWriter
{
    /// <summary>Formats <paramref name="report"/> as Markdown.</summary>
    public static string Write(MatrixReport report)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.Append("# mapguard matrix\n\n");
        md.Append(inv, $"- machine: {report.Machine.Cores} cores, {report.Machine.Os}, {report.Machine.Dotnet} ({report.Machine.Architecture})\n");
        md.Append(inv, $"- commit: {report.Commit ?? "unknown"}\n");
        md.Append(inv, $"- started: {report.StartedAt:yyyy-MM-dd HH:mm:ss zzz}\n");
        md.Append(inv, $"- rounds: {report.Settings.Rounds}, measured {report.Settings.MeasureMs} ms per cell after a warm-up of {report.Settings.WarmupMinMs}-{report.Settings.WarmupMaxMs} ms{(report.Complete ? "" : "; **stopped early: partial results**")}\n\n");

        md.Append("Throughput (ratio to ConcurrentDictionary on the same key shape in the same run; higher is better)\n\n");
        md.Append("| workload | key shape | ").AppendJoin(" | ", report.Maps).Append(" | recommended |\n");
        md.Append("|---|---|").Append(string.Concat(Enumerable.Repeat("---:|", report.Maps.Count))).Append("---|\n");
        foreach (var (workload, keyShape) in report.Cells())
        {
            var rows = report.Results.Where(r => r.Workload == workload && r.KeyShape == keyShape).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            md.Append("| ").Append(workload).Append(" | ").Append(keyShape).Append(" | ");
            md.AppendJoin(" | ", report.Maps.Select(map => rows.FirstOrDefault(r => r.Map == map) is { } row ? DisplayFormat.Cell(row) : "-"));
            var recommendation = report.Recommendations.FirstOrDefault(r => r.Workload == workload && r.KeyShape == keyShape);
            md.Append(" | ").Append(recommendation is null ? "none: incomplete data" : $"**{recommendation.Map}**{Escape(DisplayFormat.Recommended(recommendation)[recommendation.Map.Length..])}").Append(" |\n");
        }

        md.Append("\n| workload | key shape | map | ops/s | spread | ratio | p50 ns | p99 ns | p99.9 ns | alloc B/op | GCs | GC pause ms | bytes/entry |\n");
        md.Append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var row in report.Results)
        {
            md.Append(inv, $"| {row.Workload} | {row.KeyShape} | {row.Map} | {row.OpsPerSecond:N0} | {row.SpreadPercent:0.#}% | {row.RatioToConcurrentDictionary:0.00} | {row.P50Ns:0.0} | {row.P99Ns:0.0} | {row.P999Ns:0.0} | {row.AllocatedBytesPerOp:0.####} | {row.GcCount} | {row.GcPauseMs:0.###} | {row.BytesPerEntry:0.0} |\n");
        }

        if (report.Failures.Count > 0)
        {
            md.Append("\nFailed measurements:\n\n");
            foreach (var failure in report.Failures)
            {
                md.Append(inv, $"- round {failure.Round} {failure.Workload} {failure.KeyShape} {failure.Map}: {Escape(failure.Error)}\n");
            }
        }

        return md.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
