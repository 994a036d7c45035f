using System.Globalization;
using MapGuard.Cli.Matrix.Results;

namespace MapGuard.Cli.Matrix.Output;

/// <summary>A short description of a workload for table rows, e.g. <c>1,048,576 keys · 90% read · 2 thr · zipf</c>.</summary>
internal static class WorkloadLabel
{
    /// <summary>Describes the workload of <paramref name="row"/>.</summary>
    public static string Describe(ResultRow row) => string.Create(
        CultureInfo.InvariantCulture,
        $"{row.Keys:N0} keys · {row.ReadPercent:0.##}% read · {row.Threads} thr · {row.Distribution}");
}
