using System.CommandLine;
using System.Text.Json;
using MapGuard.Cli.Matrix;
using MapGuard.Cli.Matrix.Worker;

namespace MapGuard.Cli.Commands;

/// <summary>
/// <c>mapguard worker --spec JSON</c> (hidden): measures one map on one workload in this process and prints the
/// result as JSON. <c>matrix</c> starts one of these per measurement; people never need to.
/// </summary>
internal static class WorkerCommand
{
    private static readonly Option<string> s_spec = new("--spec") { Description = "The measurement, as JSON.", Required = true };

    /// <summary>Creates the hidden command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("worker", "Internal: run one measurement and print it as JSON.") { s_spec };
        command.Hidden = true;
        command.SetAction(parseResult =>
        {
            MeasurementSpec? spec;
            try
            {
                spec = JsonSerializer.Deserialize(parseResult.GetValue(s_spec)!, MatrixJsonContext.Default.MeasurementSpec);
            }
            catch (JsonException ex)
            {
                stderr.WriteLine("error: worker: bad --spec: " + ex.Message);
                return ExitCodes.Usage;
            }

            if (spec is null)
            {
                stderr.WriteLine("error: worker: --spec is null");
                return ExitCodes.Usage;
            }

            try
            {
                var result = MatrixWorker.Run(spec);
                stdout.WriteLine(JsonSerializer.Serialize(result, MatrixJsonContext.Default.MeasurementResult));
                return ExitCodes.Success;
            }
            catch (UsageException ex)
            {
                stderr.WriteLine("error: " + ex.Message);
                return ExitCodes.Usage;
            }
            catch (InvalidOperationException ex)
            {
                stderr.WriteLine("error: " + ex.Message);
                return ExitCodes.MeasurementFailed;
            }
        });
        return command;
    }
}
