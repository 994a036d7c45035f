using System.Globalization;

namespace MapGuard.Cli.Commands;

/// <summary>
/// Parses option text into numbers and durations with messages a person can act on (System.CommandLine's own
/// messages name CLR types such as <c>System.Nullable`1[System.Int32]</c>).
/// </summary>
internal static class OptionValues
{
    /// <summary>The shortest <c>--duration</c>.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest <c>--duration</c>.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    /// <summary>Parses a whole number.</summary>
    public static long ParseInteger(string text, string option) =>
        long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new UsageException($"{option}: '{text}' is not a whole number");

    /// <summary>Parses a decimal number.</summary>
    public static double ParseNumber(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new UsageException($"{option}: '{text}' is not a number");

    /// <summary>
    /// Parses a duration: <c>500ms</c>, <c>2s</c>, <c>1.5s</c>, <c>1m</c>, or a plain number of seconds, between
    /// <see cref="MinDuration"/> and <see cref="MaxDuration"/>.
    /// </summary>
    public static TimeSpan ParseDuration(string text, string option)
    {
        string trimmed = text.Trim().ToUpperInvariant();
        (string number, double scale) = trimmed switch
        {
            _ when trimmed.EndsWith("MS", StringComparison.Ordinal) => (trimmed[..^2], 1.0),
            _ when trimmed.EndsWith('S') => (trimmed[..^1], 1_000.0),
            _ when trimmed.EndsWith('M') => (trimmed[..^1], 60_000.0),
            _ => (trimmed, 1_000.0),
        };
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount) || !double.IsFinite(amount))
        {
            throw new UsageException($"{option}: cannot read '{text}' as a duration; use e.g. 500ms, 2s or 1m");
        }

        // Compared as a number before it becomes a TimeSpan: 99999999999999999999s does not fit one (OverflowException).
        double milliseconds = Math.Round(amount * scale);
        return milliseconds < MinDuration.TotalMilliseconds || milliseconds > MaxDuration.TotalMilliseconds
            ? throw new UsageException($"{option}: '{text}' is out of range; use 10ms to 10m")
            : TimeSpan.FromMilliseconds(milliseconds);
    }
}
