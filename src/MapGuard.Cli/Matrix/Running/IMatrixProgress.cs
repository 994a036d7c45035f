using MapGuard.Cli.Matrix.Results;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Matrix.Running;

/// <summary>Receives progress from <see cref="MatrixRunner"/>.</summary>
internal interface IMatrixProgress
{
    /// <summary>A measurement is about to start. <paramref name="index"/> is 0-based.</summary>
    void Starting(int index, int total, int round, int rounds, Workload workload, string map);

    /// <summary>A measurement finished, with a result or an error.</summary>
    void Finished(int index, int total, Measurement measurement);
}
