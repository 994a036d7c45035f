using MapGuard.Cli.Matrix.Results;
using MapGuard.Cli.Matrix.Worker;

namespace MapGuard.Cli.Matrix.Running;

/// <summary>
/// Runs the grid: for each round, for each (workload, key shape), for each map, one child process. Interleaving spreads
/// slow drift on a shared machine (other load, thermal state) over every map instead of charging it to whichever map
/// ran last. The map order rotates by one from row to row and from round to round, so no map always runs first, even
/// in a one-round run.
/// </summary>
internal sealed class MatrixRunner(WorkerLauncher launcher, IMatrixProgress progress)
{
    /// <summary>Runs every measurement of <paramref name="settings"/>; on cancellation, returns what it has.</summary>
    public async Task<MatrixRunOutcome> RunAsync(MatrixSettings settings, CancellationToken cancellationToken)
    {
        var measurements = new List<Measurement>();
        int total = settings.MeasurementCount;
        int index = 0;
        for (int round = 0; round < settings.Rounds; round++)
        {
            for (int w = 0; w < settings.Workloads.Count; w++)
            {
                var workload = settings.Workloads[w];
                for (int m = 0; m < settings.Maps.Count; m++)
                {
                    var map = settings.Maps[(m + round + w) % settings.Maps.Count];
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return new MatrixRunOutcome(measurements, Cancelled: true);
                    }

                    progress.Starting(index, total, round, settings.Rounds, workload, map.Name);
                    var spec = new MeasurementSpec
                    {
                        Map = map.Name,
                        Workload = workload,
                        Round = round,
                        MeasureMs = (int)settings.Measure.TotalMilliseconds,
                        WarmupMinMs = (int)settings.WarmupMin.TotalMilliseconds,
                        WarmupMaxMs = (int)settings.WarmupMax.TotalMilliseconds,
                    };

                    Measurement measurement;
                    try
                    {
                        var result = await launcher.RunAsync(spec, Timeout(settings, workload.Keys), cancellationToken).ConfigureAwait(false);
                        measurement = new Measurement(round, workload, map.Name, result, null);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        return new MatrixRunOutcome(measurements, Cancelled: true);
                    }
                    catch (WorkerFailedException ex)
                    {
                        measurement = new Measurement(round, workload, map.Name, null, ex.Message);
                    }

                    measurements.Add(measurement);
                    progress.Finished(index, total, measurement);
                    index++;
                }
            }
        }

        return new MatrixRunOutcome(measurements, Cancelled: false);
    }

    // Generous: start-up, key generation and pre-fill grow with the key count.
    private static TimeSpan Timeout(MatrixSettings settings, int keys) =>
        TimeSpan.FromSeconds(60) + (2 * (settings.WarmupMax + settings.Measure)) + TimeSpan.FromMilliseconds(keys / 100.0);
}
