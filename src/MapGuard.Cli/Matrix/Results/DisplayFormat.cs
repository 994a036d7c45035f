using System.Globalization;

namespace MapGuard.Cli.Matrix.Results;

/// <summary>How numbers look in the table, the Markdown report and recommendation reasons.</summary>
internal static class DisplayFormat
{
    /// <summary>Operations per second with a unit, e.g. <c>12.3 M/s</c>.</summary>
    public static string Throughput(double opsPerSecond) => opsPerSecond switch
    {
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{opsPerSecond / 1e9:0.00} G/s"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{opsPerSecond / 1e6:0.0} M/s"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{opsPerSecond / 1e3:0.0} K/s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{opsPerSecond:0} /s"),
    };

    /// <summary>A ratio with two decimals and a times sign, e.g. <c>1.25×</c>.</summary>
    public static string Ratio(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}×");

    /// <summary>
    /// A recommendation as one line: the reason alone when it already starts with the map's name, else "Map: reason".
    /// </summary>
    public static string Recommended(Recommendation recommendation) =>
        recommendation.Reason.StartsWith(recommendation.Map + " ", StringComparison.Ordinal)
            ? recommendation.Reason
            : $"{recommendation.Map}: {recommendation.Reason}";

    /// <summary>A matrix cell: throughput and its ratio to ConcurrentDictionary, e.g. <c>12.3 M/s (1.25×)</c>.</summary>
    public static string Cell(ResultRow row) =>
        row.RatioToConcurrentDictionary is double ratio ? $"{Throughput(row.OpsPerSecond)} ({Ratio(ratio)})" : Throughput(row.OpsPerSecond);
}
