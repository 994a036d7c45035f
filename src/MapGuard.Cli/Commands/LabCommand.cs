using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MapGuard.Cli.Lab;

namespace MapGuard.Cli.Commands;

/// <summary>
/// <c>mapguard lab &lt;hazard&gt;</c>: reproduces one way a map shared between threads goes wrong and prints what plain
/// .NET does next to what MapGuard does, with counts. Exit 0 when MapGuard kept its promises, 1 when some outcome
/// contradicts them, 2 on bad input, 130 on Ctrl+C.
/// </summary>
internal static class LabCommand
{
    private static readonly Argument<string?> s_hazard = new("hazard") { Description = "One of: " + LabHazards.Names + ".", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> s_trials = new("--trials") { Description = "Trials per subject (default: the hazard's, sized for under a minute).", HelpName = "N" };
    private static readonly Option<string?> s_timeout = new("--timeout") { Description = "Watchdog per trial: longer counts as a hang, e.g. 2s (default 5s).", HelpName = "TIME" };
    private static readonly Option<bool> s_json = new("--json") { Description = "Print the report as JSON." };
    private static readonly Option<string?> s_duration = new("--duration") { Description = "Length of one run of a timed hazard (migration, migrate-to-redis), e.g. 5s (default 15s; 1s to 10m).", HelpName = "TIME" };
    private static readonly Option<string?> s_redis = new("--redis") { Description = "Server for migrate-to-redis, e.g. 127.0.0.1:6379 (default: a redis-server from PATH, started on a loopback port for the run).", HelpName = "HOST:PORT" };

    /// <summary>Creates the command; its action writes to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("lab", "Reproduce a concurrency hazard on a shared map and show what plain .NET and MapGuard do.")
        {
            s_hazard, s_trials, s_timeout, s_json, s_duration, s_redis,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            LabHazard hazard;
            LabSettings settings;
            try
            {
                hazard = parseResult.GetValue(s_hazard) is { } name
                    ? LabHazards.Find(name)
                    : throw new UsageException("lab: name a hazard: " + LabHazards.Names);
                settings = Bind(parseResult) with { Progress = stderr };
            }
            catch (UsageException ex)
            {
                stderr.WriteLine("error: " + ex.Message);
                return Task.FromResult(ExitCodes.Usage);
            }

            return Task.FromResult(Run(hazard, settings, stdout, stderr, cancellationToken));
        });
        return command;
    }

    /// <summary>Turns parsed options into validated settings.</summary>
    /// <exception cref="UsageException">An option is invalid.</exception>
    public static LabSettings Bind(ParseResult parse)
    {
        int? trials = null;
        if (parse.GetValue(s_trials) is { } trialsText)
        {
            long value = OptionValues.ParseInteger(trialsText, "--trials");
            trials = value is >= 1 and <= LabSettings.MaxTrials
                ? (int)value
                : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--trials: must be between 1 and {LabSettings.MaxTrials} (got {value})"));
        }

        TimeSpan? duration = null;
        if (parse.GetValue(s_duration) is { } durationText)
        {
            duration = OptionValues.ParseDuration(durationText, "--duration");
            if (duration < TimeSpan.FromSeconds(1))
            {
                throw new UsageException($"--duration: '{durationText}' is too short; use 1s to 10m");
            }
        }

        string? redis = parse.GetValue(s_redis);
        if (redis is not null && string.IsNullOrWhiteSpace(redis))
        {
            throw new UsageException("--redis: name a server, e.g. 127.0.0.1:6379");
        }

        var settings = new LabSettings { Trials = trials, Json = parse.GetValue(s_json), Duration = duration, RedisEndpoint = redis };
        return parse.GetValue(s_timeout) is { } timeoutText
            ? settings with { TrialTimeout = OptionValues.ParseDuration(timeoutText, "--timeout") }
            : settings;
    }

    private static int Run(LabHazard hazard, LabSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!settings.Json)
        {
            stderr.WriteLine($"mapguard lab {hazard.Name}: {hazard.Summary}");
        }

        var clock = Stopwatch.StartNew();
        LabReport report;
        try
        {
            report = hazard.Run(settings, cancellationToken);
        }
        catch (PlatformNotSupportedException ex)
        {
            stderr.WriteLine($"error: lab {hazard.Name}: {ex.Message}");
            return ExitCodes.MeasurementFailed;
        }
        catch (UsageException ex)
        {
            stderr.WriteLine("error: " + ex.Message);
            return ExitCodes.Usage;
        }

        report.ElapsedSeconds = clock.Elapsed.TotalSeconds;
        LabOutput.Write(report, stdout, settings.Json, terminal: ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);
        return report.Cancelled ? ExitCodes.Cancelled
            : report.Unexpected.Count > 0 ? ExitCodes.MeasurementFailed
            : ExitCodes.Success;
    }
}
