using System.Globalization;
using MapGuard.Cli.Matrix.Results;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Matrix.Running;

/// <summary>One plain line per finished measurement, for redirected output and CI logs.</summary>
internal sealed class PlainProgress(TextWriter writer) : IMatrixProgress
{
    /// <inheritdoc/>
    public void Starting(int index, int total, int round, int rounds, Workload workload, string map)
    {
    }

    /// <inheritdoc/>
    public void Finished(int index, int total, Measurement measurement)
    {
        string outcome = measurement.Result is { } result ? DisplayFormat.Throughput(result.OpsPerSecond) : "FAILED: " + measurement.Error;
        writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[{index + 1}/{total}] round {measurement.Round + 1} {measurement.Workload.Name} {measurement.Workload.KeyShapeName} {measurement.Map}: {outcome}"));
        writer.Flush();
    }
}
