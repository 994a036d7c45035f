using System.Globalization;
using System.Text;
using MapGuard.Cli.Matrix.Results;

namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// One CSV line per (workload, key shape, map), with a column marking the recommended map (RFC 4180 quoting). A text cell that
/// starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading <c>'</c>, so that a
/// spreadsheet shows it as text instead of running it as a formula (OWASP's advice on CSV injection).
/// </summary>
internal static class CsvReportWriter
{
    private const string Header =
        "workload,map,threads,keys,readPercent,distribution,keyShape,opsPerSecond,ratioToConcurrentDictionary,p50Ns,p99Ns,p999Ns,allocatedBytesPerOp,gcCount,gcPauseMs,bytesPerEntry,spreadPercent,rounds,recommended,reason";

    /// <summary>Formats <paramref name="report"/> as CSV.</summary>
    public static string Write(MatrixReport report)
    {
        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var row in report.Results)
        {
            var recommendation = report.Recommendations.FirstOrDefault(r => r.Workload == row.Workload && r.KeyShape == row.KeyShape);
            bool recommended = recommendation?.Map == row.Map;
            string[] fields =
            [
                Text(row.Workload), Text(row.Map), Number(row.Threads), Number(row.Keys), Number(row.ReadPercent), Text(row.Distribution), Text(row.KeyShape),
                Number(row.OpsPerSecond), row.RatioToConcurrentDictionary is double ratio ? Number(ratio) : "",
                Number(row.P50Ns), Number(row.P99Ns), Number(row.P999Ns), Number(row.AllocatedBytesPerOp), Number(row.GcCount),
                Number(row.GcPauseMs), Number(row.BytesPerEntry), Number(row.SpreadPercent), Number(row.Rounds), recommended ? "true" : "false",
                recommended ? Text(recommendation!.Reason) : "",
            ];
            text.AppendJoin(',', fields.Select(Quote)).Append('\n');
        }

        return text.ToString();
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A text cell a spreadsheet will not read as a formula: one that could start one gets a leading quote.</summary>
    private static string Text(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + field : field;

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
