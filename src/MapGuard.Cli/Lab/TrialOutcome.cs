namespace MapGuard.Cli.Lab;

/// <summary>How one trial of one subject ended.</summary>
internal sealed record TrialOutcome
{
    /// <summary>The outcome label of a trial whose map held exactly what was written.</summary>
    public const string CorrectLabel = "correct";

    /// <summary>The outcome label of a trial the guard stopped, with the data intact.</summary>
    public const string DetectedLabel = "detected";

    /// <summary>The outcome label of a trial that lost entries without any exception.</summary>
    public const string SilentLossLabel = "silent loss";

    /// <summary>The outcome label of a trial the watchdog gave up on.</summary>
    public const string HangLabel = "hang";

    /// <summary>The outcome label of a trial whose data was broken in some other way (count wrong, state torn).</summary>
    public const string CorruptLabel = "corrupt";

    /// <summary>The outcome label of a trial whose workers never ran at the same time (the pool gave them one thread),
    /// so there was no race to lose or to catch: neither a failure nor a detection.</summary>
    public const string NoOverlapLabel = "no overlap";

    /// <summary>Gets the label counted in <see cref="LabRow.Outcomes"/>: one of the constants, or an exception type name.</summary>
    public required string Label { get; init; }

    /// <summary>Gets an example message: the exception's, or a description.</summary>
    public string? Message { get; init; }

    /// <summary>Gets entries lost in this trial.</summary>
    public long Lost { get; init; }

    /// <summary>Gets whether a GuardedDictionary reported the overlap.</summary>
    public bool Detected { get; init; }

    /// <summary>Gets whether the trial counts as a failure of the subject (anything but correct, or detected and intact).</summary>
    public bool IsFailure => Label is not (CorrectLabel or DetectedLabel or NoOverlapLabel);

    /// <summary>A correct trial.</summary>
    public static TrialOutcome Correct { get; } = new() { Label = CorrectLabel };

    /// <summary>A trial the watchdog stopped waiting for.</summary>
    public static TrialOutcome Hang(TimeSpan timeout) => new()
    {
        Label = HangLabel,
        Message = $"no progress within {timeout.TotalSeconds:0.#} s; the thread was abandoned (a plain Dictionary can loop forever)",
    };

    /// <summary>A trial that ended with <paramref name="error"/> (unwrapping AggregateException), with <paramref name="lost"/> entries lost.</summary>
    public static TrialOutcome FromException(Exception error, long lost)
    {
        Exception inner = Unwrap(error);
        return inner is ConcurrentAccessException
            ? lost == 0
                ? new TrialOutcome { Label = DetectedLabel, Message = inner.Message, Detected = true }
                : new TrialOutcome { Label = "detected, but lost entries", Message = inner.Message, Detected = true, Lost = lost }
            : new TrialOutcome { Label = inner.GetType().Name, Message = Flatten(inner.Message), Lost = lost };
    }

    /// <summary>The first inner exception of an AggregateException (Parallel.For, Task.WaitAll), else <paramref name="error"/>.</summary>
    public static Exception Unwrap(Exception error)
    {
        while (error is AggregateException { InnerExceptions.Count: > 0 } aggregate)
        {
            error = aggregate.InnerExceptions[0];
        }

        return error;
    }

    private static string Flatten(string message) => message.ReplaceLineEndings(" ");
}
