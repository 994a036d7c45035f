using System.Globalization;
using MapGuard.Cli.Matrix.Results;
using MapGuard.Cli.Matrix.Workloads;
using Spectre.Console;

namespace MapGuard.Cli.Matrix.Running;

/// <summary>Drives a live Spectre.Console progress bar (used when stderr is an interactive terminal).</summary>
internal sealed class SpectreProgress(ProgressTask task) : IMatrixProgress
{
    /// <inheritdoc/>
    public void Starting(int index, int total, int round, int rounds, Workload workload, string map) =>
        task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}/{rounds} · {workload.Name} · {workload.KeyShapeName} · {map}"));

    /// <inheritdoc/>
    public void Finished(int index, int total, Measurement measurement) => task.Increment(1);
}
