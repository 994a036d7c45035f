using System.Globalization;
using System.Text.RegularExpressions;

namespace FlashSale.Tests;

/// <summary>A small reader of the Prometheus text exposition format: one sample per line, comments skipped.</summary>
internal static partial class PrometheusText
{
    /// <summary>The samples in <paramref name="text"/>.</summary>
    public static List<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            Match match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["name"].Value, m => Regex.Unescape(m.Groups["value"].Value), StringComparer.Ordinal);
            string value = match.Groups["value"].Value;
            samples.Add(new PrometheusSample(
                match.Groups["name"].Value,
                labels,
                value switch { "+Inf" => double.PositiveInfinity, "-Inf" => double.NegativeInfinity, _ => double.Parse(value, CultureInfo.InvariantCulture) }));
        }

        return samples;
    }

    /// <summary>The families named in <c># TYPE</c> lines: metric name to type (counter, gauge, histogram, ...).</summary>
    public static Dictionary<string, string> Types(string text) =>
        TypeLine().Matches(text).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["type"].Value, StringComparer.Ordinal);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>.*)\})?\s+(?<value>\S+)(?:\s+\S+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)",?""")]
    private static partial Regex LabelPair();

    [GeneratedRegex("""^# TYPE (?<name>\S+) (?<type>\S+)$""", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
