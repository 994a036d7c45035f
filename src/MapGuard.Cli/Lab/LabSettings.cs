namespace MapGuard.Cli.Lab;

/// <summary>Validated options of one <c>mapguard lab</c> run.</summary>
internal sealed record LabSettings
{
    /// <summary>The most trials accepted.</summary>
    public const int MaxTrials = 10_000;

    /// <summary>Gets the trials per subject; null for the hazard's default.</summary>
    public int? Trials { get; init; }

    /// <summary>Gets how long one trial may run before the watchdog calls it a hang.</summary>
    public TimeSpan TrialTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the wall-time budget of a run without <c>--trials</c>: no new trial starts after it, so a default run
    /// stays under a minute on a busy machine. Explicit <c>--trials</c> always run in full.</summary>
    public TimeSpan DefaultBudget { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Gets whether to print JSON instead of a table.</summary>
    public bool Json { get; init; }

    /// <summary>Gets the length of one run, for hazards that run for a time rather than a number of calls
    /// (<c>migration</c>); null for the hazard's default.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Gets the Redis-protocol server <c>migrate-to-redis</c> migrates to (StackExchange.Redis configuration
    /// string, e.g. <c>127.0.0.1:6379</c>); null to start a redis-server from <see cref="ServerSearchPath"/>.</summary>
    public string? RedisEndpoint { get; init; }

    /// <summary>Gets the folders (a <c>PATH</c> value) where <c>migrate-to-redis</c> looks for redis-server when no
    /// <see cref="RedisEndpoint"/> is named; the process's <c>PATH</c> by default.</summary>
    public string? ServerSearchPath { get; init; } = Environment.GetEnvironmentVariable("PATH");

    /// <summary>Gets where a long hazard reports what happens while it runs (standard error); null for nowhere.</summary>
    public TextWriter? Progress { get; init; }
}
